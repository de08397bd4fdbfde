// Completing a call the phone system logged: who called (when no lead has this number) and notes; Enter saves.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { CallCompleteInput, formatNational, startsLead } from "@intake/domain";
import { firstMessages, type FieldErrors } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { TextAreaField, TextField } from "../../ui/Field.tsx";
import { showErrorsAndFocus } from "../../ui/focusField.ts";
import { showServerErrors } from "../../ui/serverErrors.ts";
import type { LiveCall } from "./useLiveCalls.ts";

export interface CompletedCall {
  lead: { id: number; label: string; created: boolean } | null;
}

const FIELDS = ["callerName", "notes"] as const;
type Field = (typeof FIELDS)[number];

function completed(call: LiveCall, result: RouterOutputs["call.complete"]): CompletedCall {
  const { lead } = result;
  if (!lead) return { lead: null };
  const phone = formatNational(lead.phone);
  return {
    lead: {
      id: lead.id,
      label: lead.name ? `${lead.name} · ${phone}` : phone,
      // A lead that existed before the call rang was found, not started, by this completion.
      created: call.leadId === null && lead.createdAt.getTime() >= call.startedAt.getTime(),
    },
  };
}

export function CompleteCallForm({ call, onCancel, onCompleted }: { call: LiveCall; onCancel: () => void; onCompleted: (done: CompletedCall) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const asksName = call.leadId === null && startsLead(call.direction, call.outcome);
  const [callerName, setCallerName] = useState("");
  const [notes, setNotes] = useState("");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const complete = useMutation(trpc["call.complete"].mutationOptions());

  // Opening the form puts the cursor on its first question.
  useEffect(() => {
    const first = formRef.current?.elements.namedItem(asksName ? "callerName" : "notes");
    if (first instanceof HTMLElement) first.focus();
  }, [asksName]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (complete.isPending) return;
    const form = event.currentTarget;
    setFormError(null);
    const checked = CallCompleteInput.safeParse({
      id: call.id,
      notes: notes.trim() || undefined,
      callerName: asksName ? callerName.trim() || undefined : undefined,
    });
    if (!checked.success) {
      showErrorsAndFocus(form, FIELDS, firstMessages(z.flattenError(checked.error).fieldErrors), setErrors);
      return;
    }
    setErrors({});
    complete.mutate(checked.data, {
      async onSuccess(result) {
        onCompleted(completed(call, result));
        await Promise.all(
          [trpc["call.live"].pathFilter(), trpc["call.list"].pathFilter(), trpc.lead.pathFilter()].map((filter) => queryClient.invalidateQueries(filter)),
        );
      },
      onError(error) {
        showServerErrors(error, { form, fields: FIELDS, setErrors, setFormError });
      },
    });
  }

  // Enter saves from any field, the notes included (Shift+Enter starts a new line there); Escape closes.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
      return;
    }
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    if (!(event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement)) return;
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }

  return (
    <form ref={formRef} className="complete-call-form" aria-labelledby={headingId} noValidate onSubmit={onSubmit} onKeyDown={onKeyDown}>
      <h2 id={headingId}>Complete the call from {formatNational(call.otherNumber)}</h2>
      <p className="muted complete-call-lead">
        {call.leadId !== null
          ? `Saved with ${call.leadName ?? "the caller's"} lead.`
          : asksName
            ? "No lead has this number: completing the call starts one."
            : "No lead is started for a call like this one."}
      </p>
      <div className="complete-call-fields">
        {asksName ? (
          <TextField
            name="callerName"
            label="Caller's name"
            hint="Optional"
            autoComplete="off"
            maxLength={200}
            value={callerName}
            onChange={(e) => {
              setCallerName(e.target.value);
              if (errors.callerName) setErrors(({ callerName: _fixed, ...rest }) => rest);
            }}
            error={errors.callerName}
          />
        ) : null}
        <TextAreaField
          name="notes"
          label="Notes"
          hint="Shift+Enter starts a new line"
          rows={2}
          value={notes}
          onChange={(e) => {
            setNotes(e.target.value);
            if (errors.notes) setErrors(({ notes: _fixed, ...rest }) => rest);
          }}
          error={errors.notes}
        />
      </div>
      <ErrorNotice>{formError}</ErrorNotice>
      <div className="form-actions">
        <button type="submit" className="button">
          {complete.isPending ? "Saving…" : "Save call"}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <p className="form-keys">
          <kbd>Enter</kbd> saves · <kbd>Esc</kbd> cancels
        </p>
      </div>
    </form>
  );
}

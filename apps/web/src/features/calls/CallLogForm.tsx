// The Log a call form: keyboard first, checked with the server's own schema, errors beside each field.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CALL_DIRECTIONS, CALL_OUTCOMES, CALL_OUTCOME_LABELS, LISTED_LINE_E164, LISTED_LINE_LABEL, formatNational } from "@intake/domain";
import type { FieldErrors } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { RadioGroupField, SelectField, TextAreaField, TextField } from "../../ui/Field.tsx";
import { focusField, showErrorsAndFocus } from "../../ui/focusField.ts";
import { showServerErrors } from "../../ui/serverErrors.ts";
import { useNow } from "../../ui/useNow.ts";
import { CALL_FIELDS, checkDraft, timerSeconds, type CallDraft, type CallField } from "./callDraft.ts";
import { formatDuration } from "./duration.ts";
import { DIRECTION_LABELS } from "./callLabels.ts";
import { useCallLog, type LoggedCall } from "./CallLogProvider.tsx";

const DIRECTION_OPTIONS = CALL_DIRECTIONS.map((value) => ({ value, label: DIRECTION_LABELS[value] }));

function confirmation(result: RouterOutputs["call.log"]): LoggedCall {
  const { call, lead } = result;
  return {
    at: call.startedAt,
    lead: lead
      ? {
          id: lead.id,
          label: lead.name ? `${lead.name} · ${formatNational(lead.phone)}` : formatNational(lead.phone),
          created: result.created,
        }
      : null,
  };
}

export function CallLogForm() {
  const callLog = useCallLog();
  if (!callLog) throw new Error("CallLogForm needs a CallLogProvider");
  const { draft, setDraft, focusRequest, saved, close } = callLog;

  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const lines = useQuery(trpc.line.list.queryOptions());
  const listedLine = lines.data?.find((l) => l.number === LISTED_LINE_E164);

  const [errors, setErrors] = useState<FieldErrors<CallField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // Opening (the N key, the button) puts the cursor on the first question.
  useEffect(() => {
    focusField(formRef.current, "direction");
  }, [focusRequest]);

  const logCall = useMutation(trpc["call.log"].mutationOptions());
  // Opened for a live call, the form times it; typing a start time (a call logged afterwards) stops the timer.
  const running = timerSeconds(draft, useNow(1000));

  function update<K extends keyof CallDraft>(key: K, value: CallDraft[K], field?: CallField) {
    setDraft((d) => ({ ...d, [key]: value }));
    // A corrected field stops shouting; the others keep their messages until the next save.
    if (field && errors[field]) setErrors(({ [field]: _fixed, ...rest }) => rest as FieldErrors<CallField>);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (logCall.isPending) return;
    const form = event.currentTarget;
    setFormError(null);
    const checked = checkDraft(draft);
    if (!checked.ok) {
      showErrorsAndFocus(form, CALL_FIELDS, checked.errors, setErrors);
      return;
    }
    setErrors({});
    logCall.mutate(checked.input, {
      async onSuccess(result) {
        saved(confirmation(result));
        await Promise.all([queryClient.invalidateQueries(trpc["call.list"].pathFilter()), queryClient.invalidateQueries(trpc.lead.pathFilter())]);
      },
      onError(error) {
        // The server checks with the same schema; whatever it still finds goes beside the same fields.
        showServerErrors(error, { form, fields: CALL_FIELDS, setErrors, setFormError });
      },
    });
  }

  // Enter in any one-line field saves (selects and radios included, which browsers do not do on
  // their own); in the notes Enter is a new line and Ctrl/Cmd+Enter saves. Escape closes, keeping the draft.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    const target = event.target;
    if (target instanceof HTMLTextAreaElement) {
      if (!event.ctrlKey && !event.metaKey) return;
    } else if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) {
      return;
    }
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }

  return (
    <form ref={formRef} className="call-form" aria-labelledby="log-call-heading" noValidate onSubmit={onSubmit} onKeyDown={onKeyDown}>
      <RadioGroupField
        label="Direction"
        name="direction"
        className="span-2"
        options={DIRECTION_OPTIONS}
        value={draft.direction}
        onChange={(value) => update("direction", value, "direction")}
        error={errors.direction}
      />
      <TextField
        name="otherNumber"
        label="Caller's phone"
        hint="Any format, e.g. (818) 555-0142"
        type="tel"
        autoComplete="off"
        value={draft.phone}
        onChange={(e) => update("phone", e.target.value, "otherNumber")}
        error={errors.otherNumber}
      />
      <TextField
        name="callerName"
        label="Caller's name"
        hint="Optional"
        autoComplete="off"
        value={draft.callerName}
        onChange={(e) => update("callerName", e.target.value, "callerName")}
        error={errors.callerName}
      />
      <SelectField
        name="outcome"
        label="Outcome"
        hint="How the call ended"
        value={draft.outcome}
        onChange={(e) => update("outcome", e.target.value as CallDraft["outcome"], "outcome")}
        error={errors.outcome}
      >
        {CALL_OUTCOMES.map((outcome) => (
          <option key={outcome} value={outcome}>
            {CALL_OUTCOME_LABELS[outcome]}
          </option>
        ))}
      </SelectField>
      <TextField
        name="durationSeconds"
        label="Duration"
        hint={running === null ? "Minutes:seconds, e.g. 4:30" : <CallTimer seconds={running} />}
        autoComplete="off"
        value={draft.duration}
        onChange={(e) => update("duration", e.target.value, "durationSeconds")}
        error={errors.durationSeconds}
      />
      <TextField
        name="startedAt"
        label="Started at"
        hint="Clinic time (Pacific)"
        type="datetime-local"
        value={draft.startedAt}
        onChange={(e) => {
          setDraft((d) => ({ ...d, startedAtEdited: true }));
          update("startedAt", e.target.value, "startedAt");
        }}
        error={errors.startedAt}
      />
      <SelectField
        name="lineId"
        label="Line"
        hint="The number they called"
        // The whole width: a line reads as its number and name, "(818) 805-2469 Main line", never cut short.
        className="span-2"
        value={draft.lineId || (listedLine ? String(listedLine.id) : "")}
        onChange={(e) => update("lineId", e.target.value, "lineId")}
        error={errors.lineId}
      >
        {/* Until the lines arrive, the listed line stands in: the server uses it when none is sent. */}
        {lines.data ? null : (
          <option value="">
            {formatNational(LISTED_LINE_E164)} {LISTED_LINE_LABEL}
          </option>
        )}
        {lines.data?.map((line) => (
          <option key={line.id} value={String(line.id)}>
            {formatNational(line.number)} {line.label}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        name="notes"
        label="Notes"
        hint="Ctrl+Enter (⌘+Enter on a Mac) saves"
        className="span-2"
        rows={3}
        value={draft.notes}
        onChange={(e) => update("notes", e.target.value, "notes")}
        error={errors.notes}
      />
      <ErrorNotice className="span-2">{formError}</ErrorNotice>
      <div className="form-actions span-2">
        <button type="submit" className="button">
          {logCall.isPending ? "Saving…" : "Save call"}
        </button>
        <button type="button" className="button button-secondary" onClick={close}>
          Close
        </button>
        <p className="form-keys">
          <kbd>Enter</kbd> saves · <kbd>Esc</kbd> closes and keeps what you typed
        </p>
      </div>
    </form>
  );
}

/** The running timer beside Duration: read out only when asked (role=timer is not live). */
function CallTimer({ seconds }: { seconds: number }) {
  return (
    <>
      <span role="timer" aria-label="Call timer">
        {formatDuration(seconds)}
      </span>{" "}
      so far · left empty, saving fills it in
    </>
  );
}

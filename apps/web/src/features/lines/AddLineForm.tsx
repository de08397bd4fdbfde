// Adding a clinic line: checked with the server's own schema, the server's refusals shown beside the field they concern.
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { z } from "zod";
import { LineCreateInput } from "@intake/domain";
import { errorSentence, firstMessages, type FieldErrors } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { TextField } from "../../ui/Field.tsx";
import { showErrorsAndFocus } from "../../ui/focusField.ts";
import { showServerErrors } from "../../ui/serverErrors.ts";

const FIELDS = ["number", "label", "source", "webhookSecretRef"] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string>;
const EMPTY: Draft = { number: "", label: "", source: "", webhookSecretRef: "" };

type Line = RouterOutputs["line"]["create"];

/** The server answers CONFLICT when the number is a clinic line already: that is about the number field. */
function isConflict(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  return z.object({ code: z.literal("CONFLICT") }).safeParse(error.data).success;
}

export function AddLineForm({ onAdded }: { onAdded: (line: Line) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const create = useMutation(trpc.line.create.mutationOptions());

  function set(field: Field, value: string) {
    setDraft((d) => ({ ...d, [field]: value }));
    if (errors[field]) setErrors(({ [field]: _fixed, ...rest }) => rest);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const form = event.currentTarget;
    setFormError(null);
    const checked = LineCreateInput.safeParse({
      number: draft.number,
      label: draft.label,
      source: draft.source.trim() || undefined,
      webhookSecretRef: draft.webhookSecretRef.trim() || undefined,
    });
    if (!checked.success) {
      showErrorsAndFocus(form, FIELDS, firstMessages(z.flattenError(checked.error).fieldErrors), setErrors);
      return;
    }
    setErrors({});
    create.mutate(checked.data, {
      async onSuccess(line) {
        setDraft(EMPTY);
        onAdded(line);
        await queryClient.invalidateQueries(trpc.line.pathFilter());
      },
      onError(error) {
        if (isConflict(error)) {
          showErrorsAndFocus(form, FIELDS, { number: errorSentence(error) }, setErrors);
          return;
        }
        showServerErrors(error, { form, fields: FIELDS, setErrors, setFormError });
      },
    });
  }

  return (
    <form ref={formRef} className="stack" aria-labelledby="add-line-heading" noValidate onSubmit={onSubmit}>
      <TextField
        name="number"
        label="Number"
        hint="Any format, e.g. (818) 555-0142"
        type="tel"
        autoComplete="off"
        value={draft.number}
        onChange={(e) => set("number", e.target.value)}
        error={errors.number}
      />
      <TextField
        name="label"
        label="Label"
        hint="What the desk calls it, e.g. Radio ad line"
        autoComplete="off"
        maxLength={100}
        value={draft.label}
        onChange={(e) => set("label", e.target.value)}
        error={errors.label}
      />
      <TextField
        name="source"
        label="Source"
        hint="Optional: the source calls on this line are credited to"
        autoComplete="off"
        maxLength={100}
        value={draft.source}
        onChange={(e) => set("source", e.target.value)}
        error={errors.source}
      />
      <TextField
        name="webhookSecretRef"
        label="Webhook secret reference"
        hint="Optional: the configuration variable that holds this line's auth token: TWILIO_AUTH_TOKEN, or one named after it like TWILIO_AUTH_TOKEN_RADIO; never the token itself"
        autoComplete="off"
        spellCheck={false}
        maxLength={64}
        value={draft.webhookSecretRef}
        onChange={(e) => set("webhookSecretRef", e.target.value)}
        error={errors.webhookSecretRef}
      />
      <ErrorNotice>{formError}</ErrorNotice>
      <div className="form-actions">
        <button type="submit" className="button">
          {create.isPending ? "Adding…" : "Add line"}
        </button>
      </div>
    </form>
  );
}

// Adding or changing a referring provider, checked by the same schema as the server (the NPI's check digit included).
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { ReferrerCreateInput, formatNational } from "@intake/domain";
import { firstMessages, type FieldErrors } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { TextAreaField, TextField } from "../../ui/Field.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { showErrorsAndFocus } from "../../ui/focusField.ts";
import { showServerErrors } from "../../ui/serverErrors.ts";

export type ReferrerView = RouterOutputs["referrer"]["byId"];
const FIELDS = ["name", "npi", "practice", "phone", "fax", "address"] as const;
type Field = (typeof FIELDS)[number];

const draftOf = (r: ReferrerView | null): Record<Field, string> => ({
  name: r?.name ?? "",
  npi: r?.npi ?? "",
  practice: r?.practice ?? "",
  phone: r?.phone ? formatNational(r.phone) : "",
  fax: r?.fax ? formatNational(r.fax) : "",
  address: r?.address ?? "",
});

/** `referrer` null adds a provider; `onDone` gets the saved one (or null when cancelled). */
export function ReferrerForm({ referrer, onDone }: { referrer: ReferrerView | null; onDone: (saved: ReferrerView | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(referrer));
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation(trpc.referrer.create.mutationOptions());
  const update = useMutation(trpc.referrer.update.mutationOptions());
  const pending = create.isPending || update.isPending;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    setFormError(null);
    // Blank optional fields are cleared (null), as the person sees them.
    const blankToNull = (v: string) => (v.trim() ? v : null);
    const input = {
      name: draft.name,
      npi: blankToNull(draft.npi),
      practice: blankToNull(draft.practice),
      phone: blankToNull(draft.phone),
      fax: blankToNull(draft.fax),
      address: blankToNull(draft.address),
    };
    const parsed = ReferrerCreateInput.safeParse(input);
    if (!parsed.success) {
      showErrorsAndFocus(form, FIELDS, firstMessages(z.flattenError(parsed.error).fieldErrors), setErrors);
      return;
    }
    setErrors({});
    const handlers = {
      async onSuccess(saved: ReferrerView) {
        await queryClient.invalidateQueries(trpc.referrer.pathFilter());
        onDone(saved);
      },
      onError(error: unknown) {
        showServerErrors(error, { form, fields: FIELDS, setErrors, setFormError });
      },
    };
    if (referrer) update.mutate({ id: referrer.id, ...input }, handlers);
    else create.mutate(input, handlers);
  }

  const field = (name: Field, label: string, extra: { hint?: string; type?: string } = {}) => (
    <TextField
      name={name}
      label={label}
      autoComplete="off"
      {...extra}
      value={draft[name]}
      onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
      error={errors[name]}
    />
  );

  return (
    <form
      className="contact-form"
      aria-label={referrer ? "Referring provider" : "New referring provider"}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === "Escape") onDone(null);
      }}
    >
      {field("name", "Name", {})}
      {field("npi", "NPI", { hint: "Optional: the provider's 10-digit National Provider Identifier" })}
      {field("practice", "Practice", { hint: "Optional" })}
      {field("phone", "Phone", { hint: "Optional", type: "tel" })}
      {field("fax", "Fax", { hint: "Optional", type: "tel" })}
      <TextAreaField
        name="address"
        label="Address"
        hint="Optional: as it goes on a letter"
        rows={3}
        value={draft.address}
        onChange={(e) => setDraft((d) => ({ ...d, address: e.target.value }))}
        error={errors.address}
      />
      <ErrorNotice>{formError}</ErrorNotice>
      <div className="form-actions">
        <button type="submit" className="button">
          {pending ? "Saving…" : referrer ? "Save provider" : "Add provider"}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

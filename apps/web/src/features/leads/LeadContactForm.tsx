// Editing a lead's contact fields (name, phone, email, who the caller is, the language they speak and
// whether an interpreter is needed), checked by the server's schema.
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  CALLER_LANGUAGES,
  CALLER_LANGUAGE_LABELS,
  CALLER_RELATIONS,
  CALLER_RELATION_LABELS,
  LeadUpdateInput,
  formatNational,
  type CallerLanguage,
  type CallerRelation,
} from "@intake/domain";
import { firstMessages, type FieldErrors } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { SelectField, TextField } from "../../ui/Field.tsx";
import { showErrorsAndFocus } from "../../ui/focusField.ts";
import { showServerErrors } from "../../ui/serverErrors.ts";
import type { LeadDetail } from "./leadDetail.ts";

const FIELDS = ["name", "phone", "email", "relation", "language"] as const;
type ContactField = (typeof FIELDS)[number];
type Draft = Record<ContactField, string> & { interpreterNeeded: boolean };

function draftOf(lead: LeadDetail): Draft {
  return {
    name: lead.name ?? "",
    phone: formatNational(lead.phone),
    email: lead.email ?? "",
    relation: lead.relation ?? "",
    language: lead.language,
    interpreterNeeded: lead.interpreterNeeded,
  };
}

export function LeadContactForm({ lead }: { lead: LeadDetail }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);

  function finish(didSave: boolean) {
    setEditing(false);
    setSaved(didSave);
    toggleRef.current?.focus();
  }

  return (
    <div className="contact-edit">
      <button
        ref={toggleRef}
        type="button"
        className="button button-secondary button-small"
        aria-expanded={editing}
        onClick={() => {
          setSaved(false);
          setEditing((open) => !open);
        }}
      >
        Edit contact details
      </button>
      <p role="status" className={saved ? "notice notice-success" : "status-empty"}>
        {saved ? "Contact details saved." : null}
      </p>
      {editing ? <ContactForm lead={lead} onDone={finish} /> : null}
    </div>
  );
}

function ContactForm({ lead, onDone }: { lead: LeadDetail; onDone: (saved: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(lead));
  const [errors, setErrors] = useState<FieldErrors<ContactField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const update = useMutation(trpc.lead.update.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const form = event.currentTarget;
    setFormError(null);
    const input: z.input<typeof LeadUpdateInput> = {
      id: lead.id,
      // A blank name is left as it was (the API has no way to clear one); a blank email clears it.
      name: draft.name.trim() || undefined,
      phone: draft.phone,
      email: draft.email.trim() || null,
      relation: (draft.relation || undefined) as CallerRelation | undefined,
      language: draft.language as CallerLanguage,
      interpreterNeeded: draft.interpreterNeeded,
    };
    const parsed = LeadUpdateInput.safeParse(input);
    if (!parsed.success) {
      showErrorsAndFocus(form, FIELDS, firstMessages(z.flattenError(parsed.error).fieldErrors), setErrors);
      return;
    }
    setErrors({});
    update.mutate(input, {
      async onSuccess() {
        await queryClient.invalidateQueries(trpc.lead.pathFilter());
        onDone(true);
      },
      onError(error) {
        showServerErrors(error, { form, fields: FIELDS, setErrors, setFormError });
      },
    });
  }

  const set = (field: ContactField) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  return (
    <form
      className="contact-form"
      aria-label="Contact details"
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === "Escape") onDone(false);
      }}
    >
      <TextField name="name" label="Name" autoFocus autoComplete="off" value={draft.name} onChange={(e) => set("name")(e.target.value)} error={errors.name} />
      <TextField
        name="phone"
        label="Phone"
        type="tel"
        autoComplete="off"
        value={draft.phone}
        onChange={(e) => set("phone")(e.target.value)}
        error={errors.phone}
      />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="off"
        hint="Optional"
        value={draft.email}
        onChange={(e) => set("email")(e.target.value)}
        error={errors.email}
      />
      <SelectField name="relation" label="Caller is" value={draft.relation} onChange={(e) => set("relation")(e.target.value)} error={errors.relation}>
        {/* The API can change who the caller is but not forget it, so "not recorded" is offered only while true. */}
        {lead.relation ? null : <option value="">Not recorded</option>}
        {CALLER_RELATIONS.map((r) => (
          <option key={r} value={r}>
            {CALLER_RELATION_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <SelectField
        name="language"
        label="Language the caller speaks"
        hint="Screening scripts, the clinic's answers and calendar invitations follow it (English or Spanish; any other language is read in English through an interpreter)."
        value={draft.language}
        onChange={(e) => {
          const language = e.target.value;
          // A language without scripts of its own needs an interpreter: ticked for the coordinator, who may untick it.
          setDraft((d) => ({ ...d, language, interpreterNeeded: d.interpreterNeeded || (language !== "en" && language !== "es") }));
        }}
        error={errors.language}
      >
        {CALLER_LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {CALLER_LANGUAGE_LABELS[l]}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <label className="checkbox-label">
          <input
            type="checkbox"
            name="interpreterNeeded"
            checked={draft.interpreterNeeded}
            onChange={(e) => setDraft((d) => ({ ...d, interpreterNeeded: e.target.checked }))}
          />{" "}
          Interpreter needed
        </label>
      </div>
      <ErrorNotice>{formError}</ErrorNotice>
      <div className="form-actions">
        <button type="submit" className="button">
          {update.isPending ? "Saving…" : "Save contact details"}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// The audit report's filters: dates in clinic time, user, record type and id, action; applied together on Enter.
// Record types and actions are chosen by their words; the value sent is the stored name the API matches exactly.
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { FieldErrors } from "../../api/errors.ts";
import { SelectField, TextField } from "../../ui/Field.tsx";
import { showErrorsAndFocus } from "../../ui/focusField.ts";
import { NO_FILTERS, type AuditFilters } from "./auditParams.ts";
import { ACTION_CHOICES, RECORD_TYPE_CHOICES, withCurrent } from "./labels.ts";

const FIELDS = ["from", "to", "actorId", "recordType", "recordId", "action"] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string>;

function toDraft(filters: AuditFilters): Draft {
  return {
    from: filters.from ?? "",
    to: filters.to ?? "",
    actorId: filters.actorId === undefined ? "" : String(filters.actorId),
    recordType: filters.recordType ?? "",
    recordId: filters.recordId ?? "",
    action: filters.action ?? "",
  };
}

function check(draft: Draft): { ok: true; filters: AuditFilters } | { ok: false; errors: FieldErrors<Field> } {
  const errors: FieldErrors<Field> = {};
  const actorId = draft.actorId.trim();
  const recordId = draft.recordId.trim();
  if (actorId && !/^[1-9]\d{0,11}$/.test(actorId)) errors.actorId = "User id is a whole number, like 3";
  if (recordId && !/^\d{1,12}$/.test(recordId)) errors.recordId = "Record id is a whole number, like 1024";
  if (draft.from && draft.to && draft.to < draft.from) errors.to = "The end date is before the start date";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    filters: {
      from: draft.from || undefined,
      to: draft.to || undefined,
      actorId: actorId ? Number(actorId) : undefined,
      recordType: draft.recordType || undefined,
      recordId: recordId || undefined,
      action: draft.action || undefined,
    },
  };
}

/** Mounted afresh (by key) whenever the URL changes, so Back and Forward show the filters in force. */
export function AuditFilterForm({ filters, onApply }: { filters: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const [draft, setDraft] = useState(() => toDraft(filters));
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const types = withCurrent(RECORD_TYPE_CHOICES, draft.recordType);
  const actions = withCurrent(ACTION_CHOICES, draft.action);

  function set(field: Field, value: string) {
    setDraft((d) => ({ ...d, [field]: value }));
    if (errors[field]) setErrors(({ [field]: _fixed, ...rest }) => rest);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = check(draft);
    if (!checked.ok) {
      showErrorsAndFocus(formRef.current, FIELDS, checked.errors, setErrors);
      return;
    }
    setErrors({});
    onApply(checked.filters);
  }

  // Enter applies from the record type and action too, as it does from every text field.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== "Enter" || !(event.target instanceof HTMLSelectElement)) return;
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }

  return (
    <form ref={formRef} role="search" aria-label="Filter the audit trail" className="audit-filters" noValidate onSubmit={onSubmit} onKeyDown={onKeyDown}>
      <TextField
        name="from"
        label="From"
        hint="Clinic date (Pacific)"
        type="date"
        value={draft.from}
        onChange={(e) => set("from", e.target.value)}
        error={errors.from}
      />
      <TextField name="to" label="To" hint="Clinic date, included" type="date" value={draft.to} onChange={(e) => set("to", e.target.value)} error={errors.to} />
      <TextField
        name="actorId"
        label="User id"
        hint="Shown under each name"
        inputMode="numeric"
        autoComplete="off"
        value={draft.actorId}
        onChange={(e) => set("actorId", e.target.value)}
        error={errors.actorId}
      />
      <SelectField
        name="recordType"
        label="Record type"
        hint="What was read or changed"
        value={draft.recordType}
        onChange={(e) => set("recordType", e.target.value)}
        error={errors.recordType}
      >
        <option value="">Any record</option>
        {types.map(({ value, label }) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextField
        name="recordId"
        label="Record id"
        hint="A number, e.g. a lead's"
        inputMode="numeric"
        autoComplete="off"
        value={draft.recordId}
        onChange={(e) => set("recordId", e.target.value)}
        error={errors.recordId}
      />
      <SelectField
        name="action"
        label="Action"
        hint="What the person did"
        value={draft.action}
        onChange={(e) => set("action", e.target.value)}
        error={errors.action}
      >
        <option value="">Any action</option>
        {actions.map(({ value, label }) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <div className="audit-filter-actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setDraft(toDraft(NO_FILTERS));
            setErrors({});
            onApply(NO_FILTERS);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}

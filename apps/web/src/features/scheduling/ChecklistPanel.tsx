// The pre-treatment checklist: physical exam, lab tests, psychiatric evaluation — requested, done (with dates) or waived.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { CHECKLIST_ITEM_LABELS, CHECKLIST_STATUS_LABELS, can, clinicDate, type ChecklistItem, type ChecklistStatus, type LeadStatus } from "@intake/domain";
import { errorSentence, serverFieldErrors } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicDate, fromClinicInputValue } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { TextAreaField, TextField } from "../../ui/Field.tsx";
import { useUser } from "../auth/session.tsx";
import { useInvalidateScheduling } from "./useInvalidateScheduling.ts";

type Checklist = RouterOutputs["checklist"]["byLead"];
type Entry = Checklist["items"][number];

const TONE: Record<ChecklistStatus, string> = {
  open: "status-start",
  requested: "status-progress",
  done: "status-done",
  waived: "status-done",
};

/** A clinic date ('YYYY-MM-DD') as the screen writes dates; read at noon so no zone can move it a day. */
function dayText(day: string): string {
  const at = fromClinicInputValue(`${day}T12:00`);
  return at ? formatClinicDate(at) : day;
}

function datesText(entry: Entry): string {
  switch (entry.status) {
    case "open":
      return "";
    case "requested":
      return entry.requestedOn ? `Requested ${dayText(entry.requestedOn)}` : "Requested";
    case "done":
      return `Done ${entry.doneOn ? dayText(entry.doneOn) : ""}${entry.requestedOn ? ` · requested ${dayText(entry.requestedOn)}` : ""}`;
    case "waived":
      return `Waived${entry.waivedBy ? ` by ${entry.waivedBy}` : ""}${entry.waivedAt ? `, ${formatClinicDate(entry.waivedAt)}` : ""}`;
  }
}

/** The checklist is worked from the handoff until the course starts; a closed lead's is read only. */
const OPEN_FOR: readonly LeadStatus[] = ["handed_off", "scheduled", "consulted"];

export function ChecklistPanel({ leadId, status, onChanged }: { leadId: number; status: LeadStatus | null; onChanged: (message: string) => void }) {
  const trpc = useTRPC();
  const checklist = useQuery(trpc.checklist.byLead.queryOptions({ leadId }));
  const editable = status === null || OPEN_FOR.includes(status);

  return (
    <section className="panel" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">Pre-treatment checklist</h2>
      {checklist.isPending ? (
        <p className="muted">Loading checklist…</p>
      ) : checklist.isError ? (
        <ErrorNotice>{errorSentence(checklist.error)}</ErrorNotice>
      ) : (
        <>
          <p className={checklist.data.complete ? "checklist-summary checklist-complete" : "checklist-summary"}>
            {checklist.data.complete ? "All three are done or waived." : `Still open: ${checklist.data.open.map((i) => CHECKLIST_ITEM_LABELS[i]).join(", ")}.`}{" "}
            <span className="muted">The treatment course starts only when each is done or waived by a clinician.</span>
          </p>
          <ul className="checklist">
            {checklist.data.items.map((entry) => (
              <ChecklistRow key={entry.item} leadId={leadId} entry={entry} editable={editable} onChanged={onChanged} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

type Action = "requested" | "done" | "waive" | null;

function ChecklistRow({ leadId, entry, editable, onChanged }: { leadId: number; entry: Entry; editable: boolean; onChanged: (message: string) => void }) {
  const user = useUser();
  const [action, setAction] = useState<Action>(null);
  const settled = entry.status === "done" || entry.status === "waived";
  // A done item keeps its date editable (it may have been done another day); a waived one is closed.
  const updates = editable && entry.status !== "waived" && can(user.role, "checklist.update");
  const waives = editable && !settled && can(user.role, "checklist.waive");
  const label = CHECKLIST_ITEM_LABELS[entry.item];
  const markDone = useMarkDoneToday(leadId, entry.item, onChanged);

  const toggle = (next: Action) => setAction((a) => (a === next ? null : next));

  return (
    <li className="checklist-item">
      <div className="checklist-row">
        <span className="checklist-name">{label}</span>
        <span className={`status-badge ${TONE[entry.status]}`}>{CHECKLIST_STATUS_LABELS[entry.status]}</span>
        {entry.status === "open" ? null : <span className="checklist-dates">{datesText(entry)}</span>}
        {updates || waives ? (
          <span className="checklist-actions">
            {updates && entry.status === "open" ? (
              <button type="button" className="button button-secondary button-small" aria-expanded={action === "requested"} onClick={() => toggle("requested")}>
                Mark requested<span className="visually-hidden"> ({label})</span>
              </button>
            ) : null}
            {updates && entry.status !== "done" ? (
              // The common case in one action: done today. The date can be changed after.
              <button type="button" className="button button-secondary button-small" disabled={markDone.isPending} onClick={() => markDone.mutate()}>
                {markDone.isPending ? "Saving…" : "Mark done today"}
                <span className="visually-hidden"> ({label})</span>
              </button>
            ) : null}
            {updates && entry.status === "done" ? (
              <button type="button" className="button button-secondary button-small" aria-expanded={action === "done"} onClick={() => toggle("done")}>
                Change date<span className="visually-hidden"> ({label})</span>
              </button>
            ) : null}
            {waives ? (
              <button type="button" className="button button-secondary button-small" aria-expanded={action === "waive"} onClick={() => toggle("waive")}>
                Waive<span className="visually-hidden"> ({label})</span>
              </button>
            ) : null}
          </span>
        ) : null}
      </div>
      {markDone.error ? <ErrorNotice>{errorSentence(markDone.error)}</ErrorNotice> : null}
      {entry.waivedNote ? <p className="checklist-note">Waiver note: {entry.waivedNote}</p> : null}
      {action === "requested" || action === "done" ? (
        <DateForm
          key={action}
          leadId={leadId}
          item={entry.item}
          status={action}
          initial={action === "done" ? (entry.doneOn ?? undefined) : undefined}
          onCancel={() => setAction(null)}
          onDone={(message) => {
            setAction(null);
            onChanged(message);
          }}
        />
      ) : null}
      {action === "waive" ? (
        <WaiveForm
          leadId={leadId}
          item={entry.item}
          onCancel={() => setAction(null)}
          onDone={(message) => {
            setAction(null);
            onChanged(message);
          }}
        />
      ) : null}
    </li>
  );
}

/** Marks an item done on today's clinic date, in one action; the message says how to change the date. */
function useMarkDoneToday(leadId: number, item: ChecklistItem, onChanged: (message: string) => void) {
  const trpc = useTRPC();
  const invalidate = useInvalidateScheduling();
  const update = useMutation(trpc.checklist.update.mutationOptions());
  return {
    isPending: update.isPending,
    error: update.error,
    mutate() {
      const today = clinicDate(new Date());
      update.mutate(
        { leadId, item, status: "done", on: today },
        {
          async onSuccess() {
            await invalidate();
            onChanged(`${CHECKLIST_ITEM_LABELS[item]} marked done today, ${dayText(today)}. If it was another day, use Change date.`);
          },
        },
      );
    },
  };
}

function DateForm(props: {
  leadId: number;
  item: ChecklistItem;
  status: "requested" | "done";
  /** The date already recorded, when changing it. */
  initial?: string | undefined;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateScheduling();
  const today = clinicDate(new Date());
  const [on, setOn] = useState(props.initial ?? today);
  const [error, setError] = useState<string | null>(null);
  const update = useMutation(trpc.checklist.update.mutationOptions());
  const label = CHECKLIST_ITEM_LABELS[props.item];
  const verb = props.status === "done" ? "done" : "requested";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    if (!on) return setError("Choose the date");
    if (on > today) return setError("The date cannot be after today");
    update.mutate(
      { leadId: props.leadId, item: props.item, status: props.status, on },
      {
        async onSuccess() {
          await invalidate();
          props.onDone(`${label} marked ${verb} on ${dayText(on)}.`);
        },
        onError(err) {
          setError(serverFieldErrors(err).on ?? errorSentence(err));
        },
      },
    );
  }

  return (
    <form className="inline-form inline-form-row" aria-label={`${label}: mark ${verb}`} noValidate onSubmit={onSubmit}>
      <TextField
        name="on"
        label={props.status === "done" ? "Date done" : "Date requested"}
        hint="Clinic calendar; today or earlier"
        type="date"
        max={today}
        autoFocus
        value={on}
        onChange={(e) => {
          setOn(e.target.value);
          setError(null);
        }}
        error={error ?? undefined}
      />
      <div className="form-actions">
        <button type="submit" className="button">
          {update.isPending ? "Saving…" : "Save date"}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function WaiveForm(props: { leadId: number; item: ChecklistItem; onCancel: () => void; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateScheduling();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const waive = useMutation(trpc.checklist.waive.mutationOptions());
  const label = CHECKLIST_ITEM_LABELS[props.item];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (waive.isPending) return;
    if (note.trim().length < 3) return setError("Write a note saying why");
    waive.mutate(
      { leadId: props.leadId, item: props.item, note: note.trim() },
      {
        async onSuccess() {
          await invalidate();
          props.onDone(`${label} waived.`);
        },
        onError(err) {
          setError(serverFieldErrors(err).note ?? errorSentence(err));
        },
      },
    );
  }

  return (
    <form className="inline-form" aria-label={`Waive the ${label.toLowerCase()}`} noValidate onSubmit={onSubmit}>
      <TextAreaField
        name="note"
        label="Why it can be waived"
        hint="Clinicians and managers read this note; schedulers see only that it was waived and by whom"
        rows={3}
        autoFocus
        maxLength={2000}
        value={note}
        onChange={(e) => {
          setNote(e.target.value);
          setError(null);
        }}
        error={error ?? undefined}
      />
      <div className="form-actions">
        <button type="submit" className="button">
          {waive.isPending ? "Saving…" : `Waive the ${label.toLowerCase()}`}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

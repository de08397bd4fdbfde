// A lead's open callbacks and follow-ups on the lead page: when each is due, Done, and Add follow-up.
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TASK_KIND_LABELS, TaskCreateInput, addDays, can, clinicDate, dueLabel, type TaskKind } from "@intake/domain";
import { errorSentence, type FieldErrors } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicDateTime, fromClinicInputValue } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { RadioGroupField, SelectField, TextField } from "../../ui/Field.tsx";
import { showErrorsAndFocus } from "../../ui/focusField.ts";
import { useNow } from "../../ui/useNow.ts";
import { showServerErrors } from "../../ui/serverErrors.ts";
import { useUser } from "../auth/session.tsx";
import { CompleteTaskForm } from "./CompleteTaskForm.tsx";
import "./tasks.css";

type Task = RouterOutputs["task"]["list"]["items"][number];

export function LeadTasks({ leadId, leadName }: { leadId: number; leadName: string }) {
  const trpc = useTRPC();
  const user = useUser();
  const works = can(user.role, "task.work");
  const tasks = useQuery(trpc.task.list.queryOptions({ leadId, perPage: 50 }));
  const now = useNow(15_000);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  function confirm(text: string) {
    setMessage(text);
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  return (
    <section className="panel" aria-labelledby="lead-tasks-heading">
      <div className="work-queue-head">
        <h2 id="lead-tasks-heading">Callbacks and follow-ups</h2>
        {works ? (
          <button
            ref={addRef}
            type="button"
            className="button button-secondary button-small"
            aria-expanded={adding}
            onClick={() => {
              setMessage(null);
              setAdding((a) => !a);
            }}
          >
            Add follow-up
          </button>
        ) : null}
      </div>
      <div ref={messageRef} role="status" tabIndex={-1} className={message ? "notice notice-success" : "status-empty"}>
        {message}
      </div>
      {adding ? (
        <AddFollowUpForm
          leadId={leadId}
          onCancel={() => {
            setAdding(false);
            addRef.current?.focus();
          }}
          onAdded={(text) => {
            setAdding(false);
            confirm(text);
          }}
        />
      ) : null}
      {tasks.isPending ? (
        <p className="muted">Loading…</p>
      ) : tasks.isError ? (
        <ErrorNotice>{errorSentence(tasks.error)}</ErrorNotice>
      ) : tasks.data.items.length === 0 ? (
        <p className="muted">Nothing planned for this lead.</p>
      ) : (
        <ul className="work-list">
          {tasks.data.items.map((task) => (
            <TaskRow key={task.id} task={task} now={now} leadName={leadName} works={works} onDone={confirm} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TaskRow({ task, now, leadName, works, onDone }: { task: Task; now: Date; leadName: string; works: boolean; onDone: (m: string) => void }) {
  const [completing, setCompleting] = useState(false);
  const late = task.dueAt.getTime() < now.getTime();
  return (
    <li className={`work-item${late ? " work-item-late" : ""}`}>
      <div className="work-item-main">
        <span className="work-tag">{TASK_KIND_LABELS[task.kind]}</span>
        <span className={late ? "work-due work-due-late" : "work-due"}>
          {late ? (
            <span className="alert-mark" aria-hidden="true">
              !
            </span>
          ) : null}
          <time dateTime={task.dueAt.toISOString()} title={`${formatClinicDateTime(task.dueAt)} (Pacific)`}>
            {dueLabel(task.dueAt, now)}
          </time>
        </span>
        <span className="muted">{task.ownerName ? `Owner: ${task.ownerName}` : "For the desk"}</span>
        {works && !completing ? (
          <button type="button" className="button button-secondary button-small work-done" onClick={() => setCompleting(true)}>
            Done
            <span className="visually-hidden">
              {" "}
              ({TASK_KIND_LABELS[task.kind].toLowerCase()} due {formatClinicDateTime(task.dueAt)})
            </span>
          </button>
        ) : null}
      </div>
      {completing ? (
        <CompleteTaskForm
          taskId={task.id}
          kind={task.kind}
          leadName={leadName}
          onCancel={() => setCompleting(false)}
          onDone={(m) => {
            setCompleting(false);
            onDone(m);
          }}
        />
      ) : null}
    </li>
  );
}

const FIELDS = ["kind", "dueAt", "ownerId"] as const;
type AddField = (typeof FIELDS)[number];

const KIND_OPTIONS: readonly { value: TaskKind; label: string }[] = [
  { value: "follow_up", label: TASK_KIND_LABELS.follow_up },
  { value: "callback", label: TASK_KIND_LABELS.callback },
];

function AddFollowUpForm({ leadId, onCancel, onAdded }: { leadId: number; onCancel: () => void; onAdded: (message: string) => void }) {
  const trpc = useTRPC();
  const user = useUser();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<TaskKind>("follow_up");
  // Tomorrow at 10:00 AM at the clinic: a sensible first suggestion for a follow-up.
  const [due, setDue] = useState(() => `${addDays(clinicDate(new Date()), 1)}T10:00`);
  const [owner, setOwner] = useState<"desk" | "me">("desk");
  const [errors, setErrors] = useState<FieldErrors<AddField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation(trpc.task.create.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const form = event.currentTarget;
    setFormError(null);
    const dueAt = fromClinicInputValue(due);
    if (!dueAt) return showErrorsAndFocus(form, FIELDS, { dueAt: "Enter the day and time it is due" }, setErrors);
    if (dueAt.getTime() < Date.now()) return showErrorsAndFocus(form, FIELDS, { dueAt: "Choose a time from now on" }, setErrors);
    const parsed = TaskCreateInput.safeParse({ leadId, kind, dueAt, ownerId: owner === "me" ? user.id : undefined });
    if (!parsed.success) {
      setFormError(parsed.error.issues[0]?.message ?? "Check the follow-up and try again.");
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      async onSuccess(created) {
        await Promise.all([queryClient.invalidateQueries(trpc.task.pathFilter()), queryClient.invalidateQueries(trpc.workQueue.pathFilter())]);
        onAdded(`${TASK_KIND_LABELS[created.kind]} added, due ${formatClinicDateTime(created.dueAt)} (Pacific).`);
      },
      onError(error) {
        showServerErrors(error, { form, fields: FIELDS, setErrors, setFormError });
      },
    });
  }

  return (
    <form
      className="task-add-form"
      aria-label="Add follow-up"
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <RadioGroupField name="kind" label="What" value={kind} options={KIND_OPTIONS} onChange={setKind} error={errors.kind} />
      <TextField
        name="dueAt"
        label="Due"
        hint="Clinic time (Pacific)"
        type="datetime-local"
        autoFocus
        value={due}
        onChange={(e) => {
          setDue(e.target.value);
          setErrors((x) => ({ ...x, dueAt: undefined }));
        }}
        error={errors.dueAt}
      />
      <SelectField name="ownerId" label="Whose" value={owner} onChange={(e) => setOwner(e.target.value === "me" ? "me" : "desk")} error={errors.ownerId}>
        <option value="desk">The desk (any coordinator)</option>
        <option value="me">Mine</option>
      </SelectField>
      <ErrorNotice className="span-2">{formError}</ErrorNotice>
      <div className="form-actions span-2">
        <button type="submit" className="button">
          {create.isPending ? "Saving…" : `Add ${TASK_KIND_LABELS[kind].toLowerCase()}`}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

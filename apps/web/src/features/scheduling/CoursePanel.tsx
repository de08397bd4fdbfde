// The treatment course: start it once the consult is attended and the checklist complete; count sessions attended.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { CHECKLIST_ITEM_LABELS, DEFAULT_PLANNED_SESSIONS, MAX_PLANNED_SESSIONS, can, type LeadStatus } from "@intake/domain";
import { errorSentence, serverFieldErrors } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicDate, formatClinicDateTime } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { TextField } from "../../ui/Field.tsx";
import { useUser } from "../auth/session.tsx";
import { useInvalidateScheduling } from "./useInvalidateScheduling.ts";

type Course = NonNullable<RouterOutputs["course"]["byLead"]>;

export function CoursePanel({ leadId, status, onChanged }: { leadId: number; status: LeadStatus | null; onChanged: (message: string) => void }) {
  const trpc = useTRPC();
  const user = useUser();
  const course = useQuery(trpc.course.byLead.queryOptions({ leadId }));
  const writes = can(user.role, "course.write");

  return (
    <section className="panel" aria-labelledby="course-heading">
      <h2 id="course-heading">Treatment course</h2>
      {course.isPending ? (
        <p className="muted">Loading…</p>
      ) : course.isError ? (
        <ErrorNotice>{errorSentence(course.error)}</ErrorNotice>
      ) : course.data ? (
        <CourseProgress course={course.data} writes={writes} onChanged={onChanged} />
      ) : (
        <>
          <p>Not started.</p>
          {writes && (status === null || status === "consulted") ? (
            <StartCourseForm leadId={leadId} onChanged={onChanged} />
          ) : (
            <p className="muted">A course starts once the consult is attended and the checklist is complete.</p>
          )}
        </>
      )}
    </section>
  );
}

function CourseProgress({ course, writes, onChanged }: { course: Course; writes: boolean; onChanged: (message: string) => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateScheduling();
  const [error, setError] = useState<string | null>(null);
  const record = useMutation(trpc.course.recordSession.mutationOptions());
  const finished = course.remainingSessions <= 0;
  const percent = Math.min(100, Math.round((course.attendedSessions / Math.max(1, course.plannedSessions)) * 100));

  function recordSession() {
    if (record.isPending) return;
    setError(null);
    record.mutate(
      { leadId: course.leadId },
      {
        async onSuccess(updated) {
          await invalidate();
          onChanged(`Session recorded: ${updated.attendedSessions} of ${updated.plannedSessions} attended.`);
        },
        onError(err) {
          setError(errorSentence(err));
        },
      },
    );
  }

  return (
    <>
      <p className="course-count">
        <span className="course-count-label">Sessions attended</span>{" "}
        <strong>
          {course.attendedSessions} of {course.plannedSessions}
        </strong>
      </p>
      <div className="course-bar" aria-hidden="true">
        <span style={{ width: `${percent}%` }} />
      </div>
      <dl className="details">
        <dt>Remaining</dt>
        <dd>{course.remainingSessions}</dd>
        <dt>Started</dt>
        <dd>{formatClinicDate(course.startedAt)}</dd>
        <dt>Last session</dt>
        <dd>{course.lastSessionAt ? formatClinicDateTime(course.lastSessionAt) : "None yet"}</dd>
      </dl>
      {writes ? (
        finished ? (
          <p className="muted">All planned sessions are recorded.</p>
        ) : (
          <div className="button-row course-actions">
            <button type="button" className="button" onClick={recordSession}>
              {record.isPending ? "Saving…" : "Record a session"}
            </button>
          </div>
        )
      ) : null}
      <ErrorNotice>{error}</ErrorNotice>
    </>
  );
}

function StartCourseForm({ leadId, onChanged }: { leadId: number; onChanged: (message: string) => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateScheduling();
  const checklist = useQuery(trpc.checklist.byLead.queryOptions({ leadId }));
  const [planned, setPlanned] = useState(String(DEFAULT_PLANNED_SESSIONS));
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const start = useMutation(trpc.course.start.mutationOptions());
  const open = checklist.data?.open ?? [];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (start.isPending) return;
    setRefusal(null);
    const n = Number(planned);
    if (!planned.trim() || !Number.isInteger(n) || n < 1 || n > MAX_PLANNED_SESSIONS) {
      setFieldError(`Enter a whole number of sessions from 1 to ${MAX_PLANNED_SESSIONS}`);
      return;
    }
    setFieldError(null);
    start.mutate(
      { leadId, plannedSessions: n },
      {
        async onSuccess(course) {
          await invalidate();
          onChanged(`Treatment course started: ${course.plannedSessions} sessions planned. The lead is now In treatment.`);
        },
        onError(err) {
          const field = serverFieldErrors(err).plannedSessions;
          if (field) setFieldError(field);
          // The server's refusal lists the checklist items still open.
          else setRefusal(errorSentence(err));
        },
      },
    );
  }

  return (
    <form className="stack" aria-label="Start the treatment course" noValidate onSubmit={onSubmit}>
      <TextField
        name="plannedSessions"
        label="Planned sessions"
        hint="A course is usually 25 to 30 sessions"
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_PLANNED_SESSIONS}
        className="field-short"
        value={planned}
        onChange={(e) => {
          setPlanned(e.target.value);
          setFieldError(null);
        }}
        error={fieldError ?? undefined}
      />
      {open.length > 0 && !refusal ? (
        <p className="muted">Before it can start: {open.map((i) => CHECKLIST_ITEM_LABELS[i].toLowerCase()).join(", ")} must be done or waived.</p>
      ) : null}
      <ErrorNotice>{refusal}</ErrorNotice>
      <div className="form-actions">
        <button type="submit" className="button">
          {start.isPending ? "Starting…" : "Start treatment course"}
        </button>
      </div>
    </form>
  );
}

// Marking a callback or follow-up done, with an optional note of what happened.
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TASK_KIND_LABELS, type TaskKind } from "@intake/domain";
import { errorSentence, serverFieldErrors } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { TextField } from "../../ui/Field.tsx";

interface CompleteTaskFormProps {
  taskId: number;
  kind: TaskKind;
  leadName: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function CompleteTaskForm({ taskId, kind, leadName, onDone, onCancel }: CompleteTaskFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const complete = useMutation(trpc.task.complete.mutationOptions());
  const label = TASK_KIND_LABELS[kind];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (complete.isPending) return;
    setError(null);
    complete.mutate(
      { id: taskId, note: note.trim() || undefined },
      {
        async onSuccess() {
          await Promise.all([queryClient.invalidateQueries(trpc.workQueue.pathFilter()), queryClient.invalidateQueries(trpc.task.pathFilter())]);
          onDone(`${label} for ${leadName} marked done.`);
        },
        onError(err) {
          setError(serverFieldErrors(err).note ?? errorSentence(err));
        },
      },
    );
  }

  return (
    <form
      className="task-done-form"
      aria-label={`${label} for ${leadName}: mark done`}
      noValidate
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <TextField
        name="note"
        label="Note"
        hint="Optional: what happened, e.g. left a voicemail"
        autoFocus
        autoComplete="off"
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={error ?? undefined}
      />
      <div className="form-actions">
        <button type="submit" className="button button-small">
          {complete.isPending ? "Saving…" : "Mark done"}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

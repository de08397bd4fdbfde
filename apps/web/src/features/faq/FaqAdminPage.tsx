// /admin/answers: the clinic's answers as the desk sees them. Admins edit the words (English and
// Spanish side by side; each save is a new version); clinicians approve the claims held back for them.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { can, type FaqItem } from "@intake/domain";
import { errorSentence, serverFieldErrors } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { TextAreaField, TextField } from "../../ui/Field.tsx";
import { useUser } from "../auth/session.tsx";
import "./answers.css";

export function FaqAdminPage() {
  const trpc = useTRPC();
  const user = useUser();
  const en = useQuery(trpc.faq.list.queryOptions({ language: "en" }));
  const es = useQuery(trpc.faq.list.queryOptions({ language: "es" }));
  const error = en.error ?? es.error;
  const spanish = (id: string) => [...(es.data?.items ?? []), ...(es.data?.pending ?? [])].find((i) => i.id === id);

  return (
    <>
      <title>Clinic answers · Iris Intake</title>
      <h1>Clinic answers</h1>
      <p className="muted">
        What the desk reads to callers from the answers panel (<kbd>?</kbd> or <kbd>Alt</kbd>+<kbd>A</kbd>). Keep each answer to the clinic&apos;s own words and
        short enough to read aloud. Claims such as &quot;no side effects&quot; wait for a clinician&apos;s approval before the panel shows them.
      </p>
      {error ? <ErrorNotice>{errorSentence(error)}</ErrorNotice> : null}
      {!en.data || !es.data ? (
        !error && <p role="status">Loading the answers…</p>
      ) : (
        <>
          {en.data.pending.length > 0 ? (
            <section className="panel" aria-labelledby="pending-heading">
              <h2 id="pending-heading">Waiting for a clinician&apos;s approval</h2>
              {en.data.pending.map((item) => (
                <FaqEditor
                  key={`${item.id}-${item.version}`}
                  en={item}
                  es={spanish(item.id)}
                  pending
                  canEdit={can(user.role, "faq.edit")}
                  canApprove={can(user.role, "faq.approve")}
                />
              ))}
            </section>
          ) : null}
          <section className="panel" aria-labelledby="shown-heading">
            <h2 id="shown-heading">Shown to the desk</h2>
            {en.data.items.map((item) => (
              <FaqEditor
                key={`${item.id}-${item.version}`}
                en={item}
                es={spanish(item.id)}
                pending={false}
                canEdit={can(user.role, "faq.edit")}
                canApprove={false}
              />
            ))}
          </section>
        </>
      )}
    </>
  );
}

interface EditorProps {
  en: FaqItem;
  es: FaqItem | undefined;
  pending: boolean;
  canEdit: boolean;
  canApprove: boolean;
}

function FaqEditor({ en, es, pending, canEdit, canApprove }: EditorProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState({ enQ: en.question, enA: en.answer, esQ: es?.question ?? "", esA: es?.answer ?? "" });
  const [saved, setSaved] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.faq.list.pathFilter());
  const update = useMutation(trpc.faq.update.mutationOptions());
  const approve = useMutation(trpc.faq.approve.mutationOptions({ onSuccess: refresh }));
  const fieldErrors = serverFieldErrors(update.error);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    // Each language that changed is one version; an unchanged one is not written again.
    if (text.enQ !== en.question || text.enA !== en.answer) await update.mutateAsync({ id: en.id, language: "en", question: text.enQ, answer: text.enA });
    if (es && (text.esQ !== es.question || text.esA !== es.answer))
      await update.mutateAsync({ id: en.id, language: "es", question: text.esQ, answer: text.esA });
    setSaved("Saved.");
    await refresh();
  }

  const headingId = `faq-${en.id}`;
  return (
    <article className="faq-editor" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {en.question} <span className="muted">· version {en.version}</span>
      </h3>
      {canEdit ? (
        <form aria-labelledby={headingId} onSubmit={(e) => void onSubmit(e).catch(() => undefined)} noValidate>
          <div className="faq-editor-languages">
            <div lang="en">
              <TextField label="Question (English)" value={text.enQ} onChange={(e) => setText({ ...text, enQ: e.target.value })} error={fieldErrors.question} />
              <TextAreaField
                label="Answer (English)"
                rows={4}
                value={text.enA}
                onChange={(e) => setText({ ...text, enA: e.target.value })}
                error={fieldErrors.answer}
              />
            </div>
            <div lang="es">
              <TextField label="Question (Spanish)" value={text.esQ} onChange={(e) => setText({ ...text, esQ: e.target.value })} />
              <TextAreaField label="Answer (Spanish)" rows={4} value={text.esA} onChange={(e) => setText({ ...text, esA: e.target.value })} />
            </div>
          </div>
          <ErrorNotice>{update.isError && Object.keys(fieldErrors).length === 0 ? errorSentence(update.error) : null}</ErrorNotice>
          <div className="button-row">
            <button type="submit" className="button" disabled={update.isPending}>
              Save answer
            </button>
            <span role="status">{saved}</span>
          </div>
        </form>
      ) : (
        <>
          <p lang="en">{en.answer}</p>
          {es ? <p lang="es">{es.answer}</p> : null}
        </>
      )}
      {pending && canApprove ? (
        <>
          <ErrorNotice>{approve.isError ? errorSentence(approve.error) : null}</ErrorNotice>
          <button type="button" className="button" onClick={() => approve.mutate({ id: en.id })} disabled={approve.isPending}>
            Approve for the desk
          </button>
        </>
      ) : null}
    </article>
  );
}

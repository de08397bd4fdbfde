// A lead's conversation by text: the thread with their calls in between, the consent and its history,
// and the composer (free text or a template). Live: a caller's text shows the moment it arrives.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useLocation } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { CALL_OUTCOME_LABELS, can, type StaffTemplateId } from "@intake/domain";
import { errorSentence, serverFieldErrors } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { SelectField, TextAreaField } from "../../ui/Field.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useUser } from "../auth/session.tsx";
import { rereadAfterChange } from "../live/reread.ts";
import "./messages.css";

type Thread = RouterOutputs["message"]["thread"];
type Item = Thread["items"][number];

const CONSENT_LABELS: Record<Thread["consent"]["state"], string> = {
  unknown: "Not asked yet: no texts until the caller agrees",
  granted: "Agreed to texts",
  revoked: "Opted out of texts",
};

const DELIVERY_LABELS: Record<string, string> = {
  received: "Received",
  queued: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  undelivered: "Not delivered",
  failed: "Failed",
};

const TEMPLATE_LABELS: Record<StaffTemplateId, string> = {
  follow_up: "We tried to reach you",
  missed_call: "Sorry we missed your call",
  consult_reminder: "Consult reminder (next booked consult)",
};

export function LeadConversation({ leadId }: { leadId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useUser();
  const thread = useQuery(trpc.message.thread.queryOptions({ leadId }));
  const section = useRef<HTMLElement>(null);
  const { hash } = useLocation();
  const loaded = thread.isSuccess;
  // Opened from the work queue's unread text: the keyboard lands in the reply box (or on the panel for readers).
  useEffect(() => {
    if (!loaded || hash !== "#conversation") return;
    const target = section.current?.querySelector<HTMLElement>("textarea") ?? section.current;
    target?.scrollIntoView({ block: "center" });
    target?.focus();
  }, [loaded, hash]);
  useSubscription(
    trpc.message.onInbox.subscriptionOptions(undefined, {
      onData(event) {
        if (event.kind === "ready" || event.leadId === leadId) void rereadAfterChange(queryClient, trpc.message.thread.queryFilter({ leadId }));
      },
    }),
  );

  return (
    <section ref={section} tabIndex={-1} className="panel conversation" id="conversation" aria-labelledby="conversation-heading">
      <h2 id="conversation-heading">Texts</h2>
      {thread.isPending ? (
        <p role="status">Loading texts…</p>
      ) : thread.isError ? (
        <ErrorNotice>{errorSentence(thread.error)}</ErrorNotice>
      ) : (
        <>
          <Consent consent={thread.data.consent} />
          <ol className="thread" aria-label="Texts and calls, oldest first">
            {thread.data.items.length === 0 ? <li className="muted">No texts yet.</li> : null}
            {thread.data.items.map((item) => (
              <ThreadItem key={`${item.kind}-${item.id}`} item={item} />
            ))}
          </ol>
          {can(user.role, "message.send") ? <Composer leadId={leadId} problem={thread.data.sendProblem} /> : null}
        </>
      )}
    </section>
  );
}

function Consent({ consent }: { consent: Thread["consent"] }) {
  return (
    <div className="consent">
      <p>
        <strong>Text consent:</strong> <span className={`consent-state consent-${consent.state}`}>{CONSENT_LABELS[consent.state]}</span>
      </p>
      {consent.history.length > 0 ? (
        <details>
          <summary>Consent history ({consent.history.length})</summary>
          <ul className="consent-history">
            {consent.history.map((h) => (
              <li key={h.id}>
                <time dateTime={h.at.toISOString()}>{formatClinicDateTime(h.at)}</time>: {h.state === "granted" ? "agreed" : "opted out"}
                {h.source === "reply" ? ` by replying ${h.keyword ?? ""}` : ` in the screening${h.byName ? ` (recorded by ${h.byName})` : ""}`}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function ThreadItem({ item }: { item: Item }) {
  const when = (
    <time dateTime={item.at.toISOString()} className="thread-time">
      {formatClinicDateTime(item.at)}
    </time>
  );
  if (item.kind === "call") {
    return (
      <li className="thread-call">
        {item.direction === "inbound" ? "Call from the caller" : "Call to the caller"}: {CALL_OUTCOME_LABELS[item.outcome]} · {when}
      </li>
    );
  }
  const theirs = item.direction === "inbound";
  return (
    <li className={theirs ? "thread-text thread-in" : "thread-text thread-out"}>
      <p className="thread-who">
        {theirs ? "Caller" : `Clinic${item.sentByName ? ` (${item.sentByName})` : ""}`} · {when}
        {theirs ? null : (
          <>
            {" · "}
            <span className={`delivery delivery-${item.status}`}>
              {DELIVERY_LABELS[item.status] ?? item.status}
              {item.errorCode ? ` (code ${item.errorCode})` : ""}
            </span>
          </>
        )}
      </p>
      <p className="thread-body">{item.body}</p>
    </li>
  );
}

function Composer({ leadId, problem }: { leadId: number; problem: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const [template, setTemplate] = useState<StaffTemplateId | "">("");
  const [error, setError] = useState<string | null>(null);
  const [sentNote, setSentNote] = useState<string | null>(null);
  const templates = useQuery(trpc.message.templates.queryOptions());
  const send = useMutation(trpc.message.send.mutationOptions());
  const sendTemplate = useMutation(trpc.message.sendTemplate.mutationOptions());
  const pending = send.isPending || sendTemplate.isPending;

  const callbacks = (what: string) => ({
    async onSuccess(sent: { status: string }) {
      setBody("");
      setTemplate("");
      setSentNote(sent.status === "failed" ? `The phone company did not accept the ${what}.` : `${what === "text" ? "Text" : "Template text"} sent.`);
      await queryClient.invalidateQueries(trpc.message.thread.queryFilter({ leadId }));
    },
    onError(err: unknown) {
      setError(serverFieldErrors(err).body ?? errorSentence(err));
    },
  });

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (pending) return;
    setError(null);
    setSentNote(null);
    if (template) sendTemplate.mutate({ leadId, template }, callbacks("template text"));
    else if (body.trim()) send.mutate({ leadId, body }, callbacks("text"));
    else setError("Write a message, or choose a template.");
  }

  const preview = template ? templates.data?.find((t) => t.id === template) : undefined;
  return (
    <form className="composer" aria-label="Text the caller" noValidate onSubmit={submit}>
      {problem ? <p className="notice notice-info">{problem}</p> : null}
      <SelectField label="Template" name="template" value={template} onChange={(e) => setTemplate(e.target.value as StaffTemplateId | "")}>
        <option value="">None: write my own</option>
        {(templates.data ?? []).map((t) => (
          <option key={t.id} value={t.id}>
            {TEMPLATE_LABELS[t.id]}
          </option>
        ))}
      </SelectField>
      {preview ? (
        <>
          <p className="template-preview">
            {preview.en}
            <br />
            <span lang="es">{preview.es}</span>
          </p>
          <ErrorNotice>{error}</ErrorNotice>
        </>
      ) : (
        <TextAreaField
          label="Message"
          name="body"
          hint="Ctrl+Enter sends. Never name the treatment, a condition or an answer: a phone's lock screen is not private."
          rows={3}
          maxLength={1600}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit();
          }}
          error={error ?? undefined}
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button">
          {pending ? "Sending…" : template ? "Send template" : "Send text"}
        </button>
      </div>
      <p role="status" className={sentNote ? "notice notice-success" : "status-empty"}>
        {sentNote}
      </p>
    </form>
  );
}

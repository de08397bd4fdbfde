// /leads/:id/merge/:otherId: two leads side by side, which one stays, and why; nothing moves until Merge is pressed.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { z } from "zod";
import { CALLER_LANGUAGE_LABELS, LEAD_STATUS_LABELS, LeadMergeInput, formatNational } from "@intake/domain";
import { errorSentence, firstMessages } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import "./duplicates.css";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { RadioGroupField, TextAreaField } from "../../ui/Field.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import type { LeadDetail } from "../leads/leadDetail.ts";

const Param = z.coerce.number().int().positive();

export function MergePage() {
  const params = useParams();
  const a = Param.safeParse(params.id);
  const b = Param.safeParse(params.otherId);
  return (
    <>
      <title>Merge duplicate leads · Iris Intake</title>
      <p className="breadcrumb">{a.success ? <Link to={`/leads/${a.data}`}>Back to the lead</Link> : <Link to="/leads">All leads</Link>}</p>
      <h1>Merge duplicate leads</h1>
      {a.success && b.success && a.data !== b.data ? (
        <MergeLoader ids={[a.data, b.data]} />
      ) : (
        <p>These are not two different leads. Open a lead and choose one of its possible duplicates.</p>
      )}
    </>
  );
}

function MergeLoader({ ids }: { ids: [number, number] }) {
  const trpc = useTRPC();
  const first = useQuery(trpc.lead.byId.queryOptions({ id: ids[0] }));
  const second = useQuery(trpc.lead.byId.queryOptions({ id: ids[1] }));
  if (first.isPending || second.isPending) return <p role="status">Loading both leads…</p>;
  if (first.isError || second.isError) {
    return <ErrorNotice>{errorSentence((first.error ?? second.error)!)}</ErrorNotice>;
  }
  return <MergeForm leads={[first.data, second.data]} />;
}

/** How far along a lead is, so the one further along is offered as the one that stays. */
const RANK = ["new", "contacting", "screening", "needs_review", "eligible", "handed_off", "scheduled", "consulted", "in_treatment"];
const progress = (l: LeadDetail) => (l.status === "closed" ? -1 : RANK.indexOf(l.status));

function MergeForm({ leads }: { leads: [LeadDetail, LeadDetail] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [keep, setKeep] = useState(() => String(progress(leads[1]) > progress(leads[0]) ? leads[1].id : leads[0].id));
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ reason?: string | undefined }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const merge = useMutation(trpc.lead.merge.mutationOptions());
  const survivor = leads.find((l) => String(l.id) === keep)!;
  const merged = leads.find((l) => l !== survivor)!;
  const done = leads.some((l) => l.mergedIntoId !== null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (merge.isPending) return;
    setFormError(null);
    const input = { survivorId: survivor.id, mergedId: merged.id, reason };
    const parsed = LeadMergeInput.safeParse(input);
    if (!parsed.success) {
      setErrors({ reason: firstMessages(z.flattenError(parsed.error).fieldErrors).reason });
      event.currentTarget.querySelector<HTMLTextAreaElement>("textarea")?.focus();
      return;
    }
    setErrors({});
    merge.mutate(parsed.data, {
      async onSuccess() {
        await queryClient.invalidateQueries(trpc.lead.pathFilter());
        void navigate(`/leads/${survivor.id}`, { state: { merged: merged.id } });
      },
      onError(error) {
        setFormError(errorSentence(error));
      },
    });
  }

  return (
    <>
      <p>Compare the two records. Nothing changes until you press Merge.</p>
      <div className="merge-compare">
        {leads.map((l) => (
          <LeadColumn key={l.id} lead={l} stays={l === survivor} />
        ))}
      </div>
      {done ? (
        <p className="notice">One of these leads has already been merged; open the lead that holds the record now.</p>
      ) : (
        <form className="merge-form" aria-label="Merge" noValidate onSubmit={onSubmit}>
          <RadioGroupField
            name="survivor"
            label="Which lead stays?"
            hint="The other is closed as a duplicate; its calls, screenings, handoffs, tasks, appointments and history move to the one that stays."
            value={keep}
            options={leads.map((l) => ({ value: String(l.id), label: `Lead #${l.id}: ${l.name ?? "Unnamed caller"} (${LEAD_STATUS_LABELS[l.status]})` }))}
            onChange={setKeep}
          />
          <TextAreaField
            name="reason"
            label="Why are these the same person?"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.reason}
          />
          <ErrorNotice>{formError}</ErrorNotice>
          <div className="form-actions">
            <button type="submit" className="button">
              {merge.isPending ? "Merging…" : `Merge lead #${merged.id} into lead #${survivor.id}`}
            </button>
            <Link className="button button-secondary" to={`/leads/${leads[0].id}`}>
              Cancel
            </Link>
          </div>
        </form>
      )}
    </>
  );
}

function LeadColumn({ lead, stays }: { lead: LeadDetail; stays: boolean }) {
  const headingId = `merge-lead-${lead.id}`;
  return (
    <section className={stays ? "panel merge-column merge-stays" : "panel merge-column"} aria-labelledby={headingId}>
      <h2 id={headingId}>
        Lead #{lead.id}: {lead.name ?? "Unnamed caller"} <span className="muted">{stays ? "(stays)" : "(closed as duplicate)"}</span>
      </h2>
      <dl className="details">
        <dt>Status</dt>
        <dd>{LEAD_STATUS_LABELS[lead.status]}</dd>
        <dt>Phone</dt>
        <dd>{formatNational(lead.phone)}</dd>
        <dt>Email</dt>
        <dd>{lead.email ?? "—"}</dd>
        <dt>Language</dt>
        <dd>{CALLER_LANGUAGE_LABELS[lead.language]}</dd>
        <dt>Source</dt>
        <dd>{lead.source ?? "—"}</dd>
        <dt>Created</dt>
        <dd>{formatClinicDateTime(lead.createdAt)}</dd>
        <dt>Calls</dt>
        <dd>{lead.calls.length}</dd>
        <dt>Handoffs</dt>
        <dd>{lead.handoffs.length}</dd>
        <dt>Status changes</dt>
        <dd>{lead.events.length}</dd>
      </dl>
    </section>
  );
}

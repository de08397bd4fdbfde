// A lead's referring provider and what the patient authorised them to be told; the desk picks from the clinic's list.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { can } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { SelectField } from "../../ui/Field.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useUser } from "../auth/session.tsx";
import type { LeadDetail } from "../leads/leadDetail.ts";

export function LeadReferrerPanel({ lead }: { lead: LeadDetail }) {
  const trpc = useTRPC();
  const user = useUser();
  const [editing, setEditing] = useState(false);
  const current = useQuery({ ...trpc.referrer.byId.queryOptions({ id: lead.referrerId ?? 0 }), enabled: lead.referrerId !== null });
  const mayWrite = can(user.role, "lead.write");
  return (
    <section className="panel" aria-labelledby="lead-referrer-heading">
      <h2 id="lead-referrer-heading">Referring provider</h2>
      {lead.referrerId === null ? (
        <p>No referring provider recorded.</p>
      ) : (
        <p>
          {current.data ? (
            <>
              {current.data.name}
              {current.data.practice ? `, ${current.data.practice}` : ""}
            </>
          ) : (
            "Loading…"
          )}
          <br />
          <span className="muted">
            {lead.mayUpdateReferrer
              ? "The patient agreed we may tell them how the referral goes."
              : "The patient has not agreed to updates: letters say only that the referral was received."}
          </span>
        </p>
      )}
      {mayWrite && !editing ? (
        <button type="button" className="button button-secondary button-small" onClick={() => setEditing(true)}>
          {lead.referrerId === null ? "Record a referral" : "Change the referral"}
        </button>
      ) : null}
      {mayWrite && editing ? <ReferrerPick lead={lead} onDone={() => setEditing(false)} /> : null}
    </section>
  );
}

function ReferrerPick({ lead, onDone }: { lead: LeadDetail; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.referrer.list.queryOptions({ page: 1, perPage: 200 }));
  const [referrerId, setReferrerId] = useState(lead.referrerId === null ? "" : String(lead.referrerId));
  const [may, setMay] = useState(lead.mayUpdateReferrer);
  const [formError, setFormError] = useState<string | null>(null);
  const update = useMutation(trpc.lead.update.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    update.mutate(
      { id: lead.id, referrerId: referrerId ? Number(referrerId) : null, mayUpdateReferrer: referrerId ? may : false },
      {
        async onSuccess() {
          await queryClient.invalidateQueries(trpc.lead.pathFilter());
          onDone();
        },
        onError: (error) => setFormError(errorSentence(error)),
      },
    );
  }

  return (
    <form className="contact-form" aria-label="Referral" noValidate onSubmit={onSubmit} onKeyDown={(e) => e.key === "Escape" && onDone()}>
      <SelectField
        name="referrerId"
        label="Referred by"
        hint={
          <>
            Not listed? <Link to="/referrers">Add the provider</Link> first.
          </>
        }
        value={referrerId}
        onChange={(e) => setReferrerId(e.target.value)}
      >
        <option value="">Nobody (not referred)</option>
        {list.data?.items.map((r) => (
          <option key={r.id} value={String(r.id)}>
            {r.name}
            {r.practice ? `, ${r.practice}` : ""}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <label className="checkbox-label">
          <input type="checkbox" name="mayUpdateReferrer" checked={may} disabled={!referrerId} onChange={(e) => setMay(e.target.checked)} /> The patient agrees
          we may tell the provider how the referral goes
        </label>
      </div>
      <ErrorNotice>{formError}</ErrorNotice>
      <div className="form-actions">
        <button type="submit" className="button">
          {update.isPending ? "Saving…" : "Save referral"}
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// A lead's record for the clinic's EHR: download it as a FHIR R4 bundle, or send it to the EHR
// (when the server has FHIR_BASE_URL), with what the EHR answered the last time.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { can, type FhirSendRecord } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { downloadText } from "../../ui/download.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useUser } from "../auth/session.tsx";

export function EhrPanel({ leadId }: { leadId: number }) {
  const trpc = useTRPC();
  const user = useUser();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.fhir.status.queryOptions({ leadId }));

  const download = useMutation({
    // Read once and not kept: the bundle is the patient's whole record, and the cache is no place for it.
    mutationFn: () => queryClient.fetchQuery({ ...trpc.fhir.bundle.queryOptions({ leadId }), staleTime: 0, gcTime: 0 }),
    onSuccess(bundle) {
      downloadText(`lead-${leadId}.fhir.json`, JSON.stringify(bundle, null, 2), "application/fhir+json");
    },
  });
  const send = useMutation(
    trpc.fhir.send.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.fhir.status.queryKey({ leadId }) }),
    }),
  );

  const sends = can(user.role, "fhir.send");
  return (
    <section className="panel" aria-labelledby="ehr-heading">
      <h2 id="ehr-heading">Electronic health record</h2>
      <p className="muted">
        The patient, {can(user.role, "screening.read") ? "the screening, " : null}the TMS consult request, the handoff and appointments as a FHIR R4 bundle,
        holding only what your role may read.
      </p>
      {status.isError ? <ErrorNotice>{errorSentence(status.error)}</ErrorNotice> : null}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => download.mutate()} disabled={download.isPending}>
          {download.isPending ? "Preparing…" : "Download FHIR bundle"}
        </button>
        {sends && status.data?.ehrConfigured ? (
          <button type="button" className="button" onClick={() => send.mutate({ leadId })} disabled={send.isPending}>
            {send.isPending ? "Sending…" : "Send to EHR"}
          </button>
        ) : null}
      </div>
      {download.isError ? <ErrorNotice>{errorSentence(download.error)}</ErrorNotice> : null}
      {send.isError ? <ErrorNotice>{errorSentence(send.error)}</ErrorNotice> : null}
      <div role="status">{status.data ? <LastSend record={send.data ?? status.data.lastSend} configured={status.data.ehrConfigured} /> : null}</div>
    </section>
  );
}

function LastSend({ record, configured }: { record: FhirSendRecord | null; configured: boolean }) {
  if (!configured && !record) return <p className="muted">No EHR is connected: the server's FHIR_BASE_URL names the EHR to send to.</p>;
  if (!record) return <p className="muted">Not sent to the EHR yet.</p>;
  return (
    <p className={record.ok ? "notice notice-success" : "notice notice-error"}>
      {record.ok ? "Sent to the EHR" : "Sending to the EHR failed"} on {formatClinicDateTime(record.at)}. {record.outcome}
      {record.location ? ` · ${record.location}` : null}
    </p>
  );
}

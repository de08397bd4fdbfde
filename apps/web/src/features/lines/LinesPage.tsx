// The clinic's phone lines for admins: each number, its label, the source its calls are credited to, and adding one.
import { useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { LISTED_LINE_E164, formatNational } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { AddLineForm } from "./AddLineForm.tsx";
import "./lines.css";

type LineRow = RouterOutputs["line"]["list"][number];

const columns: ColumnDef<LineRow, unknown>[] = [
  {
    id: "number",
    header: "Number",
    cell: ({ row }) => (
      <>
        <span className="nowrap">{formatNational(row.original.number)}</span>
        {row.original.number === LISTED_LINE_E164 ? <span className="cell-secondary">The listed number</span> : null}
      </>
    ),
  },
  { id: "label", header: "Label", cell: ({ row }) => row.original.label },
  { id: "source", header: "Source", cell: ({ row }) => row.original.source ?? "—" },
  { id: "texting", header: "Texting", cell: ({ row }) => <TextingToggle line={row.original} /> },
  {
    id: "secret",
    header: "Webhook secret reference",
    cell: ({ row }) => (row.original.webhookSecretRef ? <code className="line-secret">{row.original.webhookSecretRef}</code> : "—"),
  },
];

/** Texting on or off for a line: callers' texts to it are refused, and none go out from it, while off. */
function TextingToggle({ line }: { line: LineRow }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(trpc.line.update.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.line.list.queryFilter()) }));
  const label = formatNational(line.number);
  return (
    <span className="nowrap">
      {line.smsEnabled ? "On" : "Off"}{" "}
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={update.isPending}
        onClick={() => update.mutate({ id: line.id, smsEnabled: !line.smsEnabled })}
      >
        {line.smsEnabled ? "Turn off" : "Turn on"}
        <span className="visually-hidden"> texting for {label}</span>
      </button>
      {update.isError ? (
        <span role="alert" className="field-error">
          {" "}
          {errorSentence(update.error)}
        </span>
      ) : null}
    </span>
  );
}

export function LinesPage() {
  const trpc = useTRPC();
  const lines = useQuery(trpc.line.list.queryOptions());
  const [added, setAdded] = useState<string | null>(null);
  const addedRef = useRef<HTMLDivElement>(null);

  return (
    <>
      <title>Phone lines · Iris Intake</title>
      <h1>Phone lines</h1>
      <p className="muted lines-intro">
        Calls to these numbers are logged by the phone system. Point each number&apos;s status callback at <code>/webhooks/voice/status</code> on the
        clinic&apos;s public address; callbacks for any other number are refused.
      </p>
      <div className="lead-grid lines-grid">
        <section className="panel" aria-labelledby="lines-heading">
          <h2 id="lines-heading">Lines</h2>
          <div ref={addedRef} role="status" tabIndex={-1} className={added ? "notice notice-success" : "status-empty"}>
            {added}
          </div>
          {lines.isError ? <ErrorNotice>{errorSentence(lines.error)}</ErrorNotice> : null}
          <DataTable
            caption="Phone lines"
            captionHidden
            columns={columns}
            rows={lines.data}
            getRowId={(line) => String(line.id)}
            emptyText="No lines yet."
            busy={lines.isFetching}
          />
        </section>
        <section className="panel" aria-labelledby="add-line-heading">
          <h2 id="add-line-heading">Add line</h2>
          <AddLineForm
            onAdded={(line) => {
              setAdded(`Line added: ${formatNational(line.number)} · ${line.label}.`);
              // The form starts over; the keyboard continues from the confirmation beside the list.
              requestAnimationFrame(() => addedRef.current?.focus());
            }}
          />
        </section>
      </div>
    </>
  );
}

// A funnel table whose columns say both how a cell shows and what it exports, so the CSV's header is the table's.
import { useMemo, type ReactNode } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "../../ui/DataTable.tsx";
import { toCsv } from "@intake/domain";
import { downloadCsv } from "../../ui/download.ts";

export interface FigureColumn<TRow> {
  id: string;
  header: string;
  /** The cell as plain text: what the CSV holds, and what shows unless `cell` says otherwise. */
  text: (row: TRow) => string | number;
  cell?: (row: TRow) => ReactNode;
  numeric?: boolean;
  /** False for a column of controls, which the CSV leaves out. */
  exported?: boolean;
}

interface FigureTableProps<TRow> {
  caption: string;
  columns: readonly FigureColumn<TRow>[];
  rows: readonly TRow[] | undefined;
  getRowId: (row: TRow) => string;
  emptyText: string;
  /** The downloaded file's name, without ".csv". */
  filename: string;
  busy?: boolean;
}

export function FigureTable<TRow>(props: FigureTableProps<TRow>) {
  const { columns } = props;
  const defs = useMemo<ColumnDef<TRow, unknown>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: () => <span className={c.numeric ? "funnel-num" : undefined}>{c.header}</span>,
        cell: ({ row }) => <span className={c.numeric ? "funnel-num" : undefined}>{c.cell ? c.cell(row.original) : c.text(row.original)}</span>,
      })),
    [columns],
  );

  function exportCsv() {
    const rows = props.rows ?? [];
    const exported = columns.filter((c) => c.exported !== false);
    downloadCsv(
      `${props.filename}.csv`,
      toCsv(
        exported.map((c) => c.header),
        rows.map((r) => exported.map((c) => c.text(r))),
      ),
    );
  }

  return (
    <div className="funnel-table">
      <DataTable
        caption={props.caption}
        captionHidden
        columns={defs}
        rows={props.rows}
        getRowId={props.getRowId}
        emptyText={props.emptyText}
        busy={props.busy ?? false}
      />
      <div className="funnel-table-actions">
        <button type="button" className="button button-secondary button-small" disabled={!props.rows?.length} onClick={exportCsv}>
          Export CSV<span className="visually-hidden"> of {props.caption.toLowerCase()}</span>
        </button>
      </div>
    </div>
  );
}

// The one table widget: TanStack Table over rows the server has already sorted, filtered and paged.
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type Updater } from "@tanstack/react-table";
import { useRef } from "react";
import { useOverflowsSideways } from "./useOverflowsSideways.ts";

export interface ServerSorting {
  state: SortingState;
  onChange: (next: SortingState) => void;
}

export interface ServerPaging {
  page: number;
  perPage: number;
  total: number;
  onPageChange: (page: number) => void;
  /** Plural noun for the count, e.g. "leads". */
  noun: string;
}

interface DataTableProps<TRow> {
  /** The table's accessible name; shown as its caption unless `captionHidden`. */
  caption: string;
  captionHidden?: boolean;
  columns: ColumnDef<TRow, unknown>[];
  rows: readonly TRow[] | undefined;
  getRowId: (row: TRow) => string;
  emptyText: string;
  /** True while a new page is on its way; the old rows stay in place meanwhile. */
  busy?: boolean;
  sorting?: ServerSorting;
  paging?: ServerPaging;
}

const SORT_ARIA = { asc: "ascending", desc: "descending" } as const;
const NO_ROWS: never[] = [];

export function DataTable<TRow>(props: DataTableProps<TRow>) {
  const { sorting, paging } = props;
  const pageCount = paging ? Math.max(1, Math.ceil(paging.total / paging.perPage)) : 1;

  const table = useReactTable<TRow>({
    data: (props.rows ?? NO_ROWS) as TRow[],
    columns: props.columns,
    getRowId: props.getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableSorting: Boolean(sorting),
    enableSortingRemoval: false,
    enableMultiSort: false,
    pageCount,
    state: {
      sorting: sorting?.state ?? [],
      pagination: { pageIndex: (paging?.page ?? 1) - 1, pageSize: paging?.perPage ?? 10 },
    },
    onSortingChange: (updater: Updater<SortingState>) => {
      if (!sorting) return;
      sorting.onChange(typeof updater === "function" ? updater(sorting.state) : updater);
    },
  });

  const columnCount = table.getVisibleLeafColumns().length;
  const rows = table.getRowModel().rows;
  // A table wider than the screen scrolls sideways: then its frame takes focus, so the arrow keys
  // reach the columns off screen. A table that fits adds no stop to the tab order.
  const scroller = useRef<HTMLDivElement>(null);
  const scrolls = useOverflowsSideways(scroller);

  return (
    <div className="data-table">
      <div ref={scroller} className="table-scroll" {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": `${props.caption} (scrolls sideways)` } : {})}>
        <table aria-busy={props.busy ? true : undefined}>
          <caption className={props.captionHidden ? "visually-hidden" : undefined}>{props.caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const column = header.column;
                  const sorted = column.getIsSorted();
                  const label = flexRender(column.columnDef.header, header.getContext());
                  return (
                    <th key={header.id} scope="col" aria-sort={sorted ? SORT_ARIA[sorted] : column.getCanSort() ? "none" : undefined}>
                      {column.getCanSort() ? (
                        <button type="button" className="sort-button" onClick={column.getToggleSortingHandler()}>
                          {label}
                          <span className="sort-indicator" aria-hidden="true">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columnCount} className="table-empty">
                  {props.rows === undefined ? "Loading…" : props.emptyText}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {paging ? <Pager label={`${props.caption}: pages`} paging={paging} pageCount={pageCount} /> : null}
    </div>
  );
}

function Pager({ label, paging, pageCount }: { label: string; paging: ServerPaging; pageCount: number }) {
  const { page, total, noun } = paging;
  return (
    <nav className="pager" aria-label={label}>
      <p className="pager-count">
        {total.toLocaleString("en-US")} {noun}
      </p>
      <div className="pager-controls">
        <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => paging.onPageChange(page - 1)}>
          Previous page
        </button>
        <span className="pager-position">
          Page {page} of {pageCount}
        </span>
        <button type="button" className="button button-secondary" disabled={page >= pageCount} onClick={() => paging.onPageChange(page + 1)}>
          Next page
        </button>
      </div>
    </nav>
  );
}

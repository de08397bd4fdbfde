// The README's API table is the reference a client developer reads: every router procedure has a row.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { appRouter } from "./root.ts";

const README = fileURLToPath(new URL("../../../README.md", import.meta.url));

/** The lines of the table under "## API" whose header starts with `| procedure |`, up to the first non-table line. */
function apiTableLines(markdown: string): { rows: string[]; blankInside: number | null } {
  const lines = markdown.split("\n");
  const section = lines.findIndex((line) => line.trim() === "## API");
  if (section < 0) throw new Error('README.md has no "## API" section');
  const start = lines.findIndex((line, i) => i > section && line.startsWith("| procedure |"));
  if (start < 0) throw new Error('README.md "## API" has no table starting "| procedure |"');
  let end = start;
  while (end + 1 < lines.length && lines[end + 1]!.startsWith("|")) end += 1;
  // A blank line followed by more rows ends the table for a Markdown renderer: those rows show as raw pipes.
  const after = lines[end + 2];
  const blankInside = lines[end + 1]?.trim() === "" && after?.startsWith("|") ? end + 2 : null;
  return { rows: lines.slice(start + 2, end + 1), blankInside };
}

/**
 * The procedures a row names. A row's first cell lists `router.procedure` and may continue a group
 * with bare names, as in `` `appointment.book` / `reschedule` `` or `` `appointment.busy`, `byLead` ``:
 * a bare name belongs to the router of the last full name before it.
 */
function proceduresInRow(row: string): string[] {
  const firstCell = row.split(/(?<!\\)\|/)[1] ?? "";
  const names: string[] = [];
  let routerName: string | null = null;
  for (const [, code] of firstCell.matchAll(/`([^`]+)`/g)) {
    const name = code!.trim();
    const dot = name.lastIndexOf(".");
    if (dot > 0) {
      routerName = name.slice(0, dot);
      names.push(name);
    } else if (routerName) {
      names.push(`${routerName}.${name}`);
    }
  }
  return names;
}

describe("README API table", () => {
  const { rows, blankInside } = apiTableLines(readFileSync(README, "utf8"));
  const documented = new Set(rows.flatMap(proceduresInRow));

  it("is one table: no blank line between its rows", () => {
    expect(blankInside, `README.md line ${blankInside ?? 0} continues the API table after a blank line; remove the blank line`).toBeNull();
  });

  it("has a row for every router procedure", () => {
    const missing = Object.keys(appRouter._def.procedures)
      .filter((path) => !documented.has(path))
      .sort();
    expect(missing, `add a row to README.md's API table for: ${missing.join(", ")}`).toEqual([]);
  });

  it("names no procedure the router does not have", () => {
    const procedures = new Set(Object.keys(appRouter._def.procedures));
    const stale = [...documented].filter((path) => !procedures.has(path)).sort();
    expect(stale, `README.md's API table names procedures the router does not have: ${stale.join(", ")}`).toEqual([]);
  });

  it("reads grouped rows by their router", () => {
    expect(proceduresInRow("| `appointment.book` / `reschedule` | who | x |")).toEqual(["appointment.book", "appointment.reschedule"]);
    expect(proceduresInRow("| `handoff.byId`, `handoff.acknowledge` | who | `{ id }` |")).toEqual(["handoff.byId", "handoff.acknowledge"]);
  });
});

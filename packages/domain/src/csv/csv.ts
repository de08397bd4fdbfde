// The one CSV encoder every export uses (the audit export on the server, the funnel tables in the dashboard).
/**
 * A text cell a spreadsheet would read as a formula or a DDE command starts with one of these
 * (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, a tab or a carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell as it comes from our code. Numbers stay numbers: a negative figure we computed is written
 * as `-3` so a spreadsheet can still add it up. Every string is treated as text that may hold
 * anything a person (or an attacker) typed.
 */
export type CsvValue = string | number | null | undefined;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled. A
 * text cell that could run as a formula gets a leading apostrophe (spreadsheets show it as text) and
 * is quoted: quoting alone does not stop a formula.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (FORMULA_START.test(value)) return `"'${value.replaceAll('"', '""')}"`;
  if (/[",\r\n]/.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/** A whole file: the header, then one line per row, CRLF line ends (RFC 4180), ending with one. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

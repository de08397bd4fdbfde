// Tables as CSV files: quoting per RFC 4180, spreadsheet formulas neutralised, saved through a Blob (never a URL with data in it).
/** A value a spreadsheet would run as a formula starts with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: quoted when it holds a comma, quote or line break, or could be read as a formula. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  // A leading apostrophe is what spreadsheets take as "this is text"; quoting alone does not stop a formula.
  if (FORMULA_START.test(text)) return `"'${text.replaceAll('"', '""')}"`;
  if (/[",\r\n]/.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export function downloadCsv(filename: string, content: string): void {
  // The byte-order mark lets Excel read the file as UTF-8 (names, the "—" of a missing figure).
  const url = URL.createObjectURL(new Blob(["\uFEFF", content], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

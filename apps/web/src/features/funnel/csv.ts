// Saving a CSV file (encoded by @intake/domain's toCsv) through a Blob: never a URL with data in it.
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

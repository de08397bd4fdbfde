// Saving text the server made (or the dashboard encoded) as a file, without sending it through a URL the server could log.
export function downloadText(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has read the blob once the download starts; a moment later it can go.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A CSV (encoded by @intake/domain's toCsv); the byte-order mark lets Excel read it as UTF-8 (names, the "—" of a missing figure). */
export function downloadCsv(filename: string, content: string): void {
  downloadText(filename, `\uFEFF${content}`, "text/csv;charset=utf-8");
}

// Saving text the server made as a file, without sending it through a URL the server could log.
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

// Call durations as people write them ("4:30", "4") and as the screen shows them.

const DURATION = /^(\d{1,4})(?::([0-5]\d))?$/;

/** "4:30" → 270, "4" → 240 (whole minutes), "0" → 0; null for anything else. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2] ?? "0");
}

/** 270 → "4:30"; 3725 → "1:02:05". */
export function formatDuration(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

// How the funnel's figures read: shares as percentages, durations in minutes, hours or days, "—" for none.
export const NONE = "—";

const count = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return count.format(n);
}

/** 0.4235 → "42.4%"; null (nothing to divide by) → "—". */
export function formatPercent(share: number | null): string {
  if (share === null) return NONE;
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/**
 * Minutes as someone at the desk says them: "under 1 min", "45 min", "2.5 h", "3.2 days". A call
 * answered live is contact at once (0 min); "0.0 min" read like a figure that failed to load.
 */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return NONE;
  if (minutes < 1) return "under 1 min";
  if (minutes < 90) return `${minutes < 10 ? minutes.toFixed(1) : Math.round(minutes)} min`;
  return formatHours(minutes / 60);
}

export function formatHours(hours: number | null): string {
  if (hours === null) return NONE;
  if (hours === 0) return "0 h";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)} h`;
  const days = hours / 24;
  return `${days < 10 ? days.toFixed(1) : Math.round(days)} days`;
}

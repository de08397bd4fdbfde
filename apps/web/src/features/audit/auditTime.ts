// Audit times to the second, on the clinic's clock whatever zone the browser is in.
import { CLINIC_TIME_ZONE } from "@intake/domain";

const withSeconds = new Intl.DateTimeFormat("en-US", {
  timeZone: CLINIC_TIME_ZONE,
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  second: "2-digit",
});

/** "Nov 25, 2026, 4:42:07 PM" (Pacific). */
export function formatAuditTime(ms: number): string {
  return withSeconds.format(new Date(ms));
}

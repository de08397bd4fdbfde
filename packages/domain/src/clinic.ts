// Facts about the clinic itself that the software needs.

/** The clinic's listed number, (818) 805-2469, where patients call. */
export const LISTED_LINE_E164 = "+18188052469";
export const LISTED_LINE_LABEL = "Main line";
/** The clinic keeps its calendar in Pacific time; the database stores UTC. */
export const CLINIC_TIME_ZONE = "America/Los_Angeles";

const clinicDateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: CLINIC_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date at the clinic (YYYY-MM-DD) at an instant: ages and "today" are the clinic's. */
export function clinicDate(at: Date): string {
  return clinicDateFormat.format(at);
}

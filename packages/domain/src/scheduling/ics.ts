// The iCalendar (RFC 5545) file of a booked appointment, for the patient's confirmation letter.
import { clinicDate } from "../clinic.ts";
import type { AppointmentKind } from "./appointment.ts";

/** Stands in until the clinic's street address is configured; the letter carries the address. */
export const CLINIC_LOCATION_PLACEHOLDER = "Iris TMS Clinic (street address in your confirmation letter)";

export const ICS_SUMMARIES: Record<AppointmentKind, string> = {
  consult: "TMS consultation",
  mapping: "TMS mapping session",
  treatment: "TMS treatment session",
};

export interface IcsAppointment {
  id: number;
  kind: AppointmentKind;
  startsAt: Date;
  endsAt: Date;
  /** Bumped by every reschedule so a calendar replaces the earlier copy (same UID). */
  sequence: number;
}

/** 20261130T170000Z: UTC, so no calendar has to know the clinic's zone. */
export function icsUtc(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT values escape backslash, semicolon, comma and newline (RFC 5545 §3.3.11). */
export function icsText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets continue on the next line after CRLF and one space (§3.1). */
export function foldLine(line: string): string {
  const bytes = new TextEncoder();
  const out: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const n = bytes.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + n > limit) {
      out.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join("\r\n ");
}

/** The words of an invitation, in the patient's language (i18n/i18n.ts: icsWordsIn). */
export interface IcsWords {
  summary: string;
  location: string;
  description: string;
}

/**
 * One VEVENT in one VCALENDAR, CRLF line endings. It names no patient: the file travels in a letter
 * and may be forwarded.
 */
export function appointmentIcs(appt: IcsAppointment, stamp: Date, words: IcsWords): { filename: string; content: string } {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Iris Intake//Appointment letter//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:appointment-${appt.id}@iris-intake`,
    `SEQUENCE:${appt.sequence}`,
    `DTSTAMP:${icsUtc(stamp)}`,
    `DTSTART:${icsUtc(appt.startsAt)}`,
    `DTEND:${icsUtc(appt.endsAt)}`,
    `SUMMARY:${icsText(words.summary)}`,
    `LOCATION:${icsText(words.location)}`,
    `DESCRIPTION:${icsText(words.description)}`,
    "STATUS:CONFIRMED",
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  const day = clinicDate(appt.startsAt);
  return {
    filename: `${ICS_SUMMARIES[appt.kind].toLowerCase().replace(/\s+/g, "-")}-${day}.ics`,
    content: lines.map(foldLine).join("\r\n") + "\r\n",
  };
}

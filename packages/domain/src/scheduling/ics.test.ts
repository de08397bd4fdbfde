import { describe, expect, it } from "vitest";
import { icsWordsIn } from "../i18n/i18n.ts";
import { appointmentIcs, foldLine, icsText, type IcsAppointment } from "./ics.ts";

const english = (appt: IcsAppointment) => icsWordsIn("en", appt.kind, appt.startsAt);

/** Unfolds and splits an iCalendar text into [name, value] pairs, as a calendar reader would. */
function parse(content: string): [string, string][] {
  return content
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean)
    .map((line) => {
      const i = line.indexOf(":");
      return [line.slice(0, i), line.slice(i + 1)];
    });
}

describe("appointmentIcs", () => {
  const appt = { id: 42, kind: "consult" as const, startsAt: new Date("2026-11-30T17:00:00Z"), endsAt: new Date("2026-11-30T18:00:00Z"), sequence: 1 };
  const { filename, content } = appointmentIcs(appt, new Date("2026-11-25T18:00:00.123Z"), english(appt));

  it("is one VEVENT in one VCALENDAR with CRLF line endings", () => {
    expect(content.endsWith("\r\n")).toBe(true);
    expect(content.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const names = parse(content).map(([n]) => n);
    expect(names[0]).toBe("BEGIN");
    expect(names.at(-1)).toBe("END");
    const lines = parse(content);
    expect(lines.filter(([n, v]) => n === "BEGIN" && v === "VEVENT")).toHaveLength(1);
    expect(Object.fromEntries(lines.filter(([n]) => n !== "BEGIN" && n !== "END"))).toMatchObject({
      VERSION: "2.0",
      UID: "appointment-42@iris-intake",
      SEQUENCE: "1",
      DTSTAMP: "20261125T180000Z",
      DTSTART: "20261130T170000Z",
      DTEND: "20261130T180000Z",
      SUMMARY: "TMS consultation",
    });
  });

  it("escapes text and folds long lines at 75 octets", () => {
    const location = parse(content).find(([n]) => n === "LOCATION")?.[1];
    expect(location).toBe("Iris TMS Clinic (street address in your confirmation letter)");
    // The day and time written out in clinic time (Intl), for someone reading the invitation.
    const description = parse(content).find(([n]) => n === "DESCRIPTION")?.[1];
    expect(description).toMatch(
      /^Your appointment: Monday\\, November 30\\, 2026\\, 9:00\s?AM \(Pacific time\)\. To change or cancel\\, call the clinic at \(818\) 805-2469\.$/u,
    );
    expect(icsText("a, b; c\\d\ne")).toBe("a\\, b\\; c\\\\d\\ne");
    const long = `DESCRIPTION:${"x".repeat(200)}`;
    const folded = foldLine(long);
    expect(folded.split("\r\n").every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
  });

  it("names the file by kind and clinic date, never by patient", () => {
    expect(filename).toBe("tms-consultation-2026-11-30.ics");
    // 5:30 PM in Los Angeles is the next day in UTC; the file keeps the clinic's date.
    const evening = { ...appt, startsAt: new Date("2026-12-01T01:30:00Z"), endsAt: new Date("2026-12-01T02:30:00Z") };
    expect(appointmentIcs(evening, new Date(), english(evening)).filename).toBe("tms-consultation-2026-11-30.ics");
  });
});

import { describe, expect, it } from "vitest";
import { addDays, clinicDayEnd, clinicDayStart, clinicInstant, clinicWallClock, formatClinicDateTime, formatClinicTime } from "./clinicTime.ts";

describe("clinic days", () => {
  it("adds days across months and years", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });

  it("starts a day at midnight in Los Angeles, PST or PDT", () => {
    expect(clinicDayStart("2026-11-25")).toEqual(new Date("2026-11-25T08:00:00Z"));
    expect(clinicDayStart("2026-07-01")).toEqual(new Date("2026-07-01T07:00:00Z"));
    // Both change days start at a midnight on the old offset.
    expect(clinicDayStart("2026-03-08")).toEqual(new Date("2026-03-08T08:00:00Z"));
    expect(clinicDayStart("2026-03-09")).toEqual(new Date("2026-03-09T07:00:00Z"));
    expect(clinicDayStart("2026-11-01")).toEqual(new Date("2026-11-01T07:00:00Z"));
    expect(clinicDayStart("2026-11-02")).toEqual(new Date("2026-11-02T08:00:00Z"));
  });

  it("ends a day at the next clinic midnight, even when UTC has moved on", () => {
    expect(clinicDayEnd(new Date("2026-11-26T05:00:00Z"))).toEqual(new Date("2026-11-26T08:00:00Z"));
    // The spring-forward day is 23 hours long.
    expect(clinicDayEnd(new Date("2026-03-08T08:00:00Z")).getTime() - clinicDayStart("2026-03-08").getTime()).toBe(23 * 3600_000);
  });

  it("formats with plain spaces on the clinic's clock", () => {
    expect(formatClinicTime(new Date("2026-11-25T18:00:00Z"))).toBe("10:00 AM");
    expect(formatClinicDateTime(new Date("2026-11-26T01:30:00Z"))).toBe("Nov 25, 2026, 5:30 PM");
  });
});

describe("the clinic's wall clock", () => {
  it("reads an instant as Los Angeles time and back, on both sides of a daylight-saving change", () => {
    expect(clinicWallClock(new Date("2026-11-26T01:30:05Z"))).toEqual({ year: 2026, month: 11, day: 25, hour: 17, minute: 30, second: 5 });
    for (const iso of ["2026-03-08T09:59:00Z", "2026-03-08T10:00:00Z", "2026-11-01T08:30:00Z", "2026-11-01T10:30:00Z", "2026-07-01T00:00:00Z"]) {
      const at = new Date(iso);
      expect(clinicInstant(clinicWallClock(at))).toEqual(at);
    }
    // 1:30 AM happens twice on the fall-back day: the wall clock names the first (PDT).
    expect(clinicInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 })).toEqual(new Date("2026-11-01T08:30:00Z"));
  });
});

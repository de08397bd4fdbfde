import { describe, expect, it } from "vitest";
import { addDays, clinicDayEnd, clinicDayStart, formatClinicDateTime, formatClinicTime } from "./clinicTime.ts";

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
    expect(formatClinicDateTime(new Date("2026-11-26T01:30:00Z"))).toBe("Wed, Nov 25, 5:30 PM");
  });
});

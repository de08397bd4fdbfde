// Tests: calendar-date parsing and age on the day of a screen (birthdays, Feb 29).
import { describe, expect, it } from "vitest";
import { ageOn, isIsoDate, parseIsoDate } from "./dates.ts";

describe("parseIsoDate", () => {
  it.each(["2024-02-29", "2000-02-29", "1999-12-31", "2026-01-01"])("reads %s", (d) => {
    expect(isIsoDate(d)).toBe(true);
  });
  it.each(["2023-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "2026-1-1", "26-01-01", "2026-01-01T00:00", ""])("rejects %s", (d) => {
    expect(parseIsoDate(d)).toBeNull();
  });
});

describe("ageOn", () => {
  it("counts the birthday itself: 17 the day before, 18 on the day", () => {
    expect(ageOn("2008-11-25", "2026-11-24")).toBe(17);
    expect(ageOn("2008-11-25", "2026-11-25")).toBe(18);
    expect(ageOn("2008-11-25", "2026-11-26")).toBe(18);
  });
  it("a Feb 29 birth turns 18 on Mar 1 in a year without Feb 29", () => {
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
  });
  it("a Feb 29 birth turns a year older on Feb 29 in a leap year", () => {
    expect(ageOn("2004-02-29", "2028-02-28")).toBe(23);
    expect(ageOn("2004-02-29", "2028-02-29")).toBe(24);
  });
  it("throws without repeating a malformed date", () => {
    expect(() => ageOn("1999-02-30", "2026-01-01")).toThrow(/dateOfBirth/);
    try {
      ageOn("1999-02-30", "2026-01-01");
    } catch (e) {
      expect(String(e)).not.toContain("1999");
    }
  });
});

import { describe, expect, it } from "vitest";
import { clinicDate } from "./clinic.ts";

describe("clinicDate", () => {
  it("is the date in Los Angeles, not in UTC", () => {
    // 05:30 UTC on the 26th is still the evening of the 25th in California.
    expect(clinicDate(new Date("2026-11-26T05:30:00Z"))).toBe("2026-11-25");
    expect(clinicDate(new Date("2026-11-26T08:30:00Z"))).toBe("2026-11-26");
  });
  it("follows daylight saving time", () => {
    expect(clinicDate(new Date("2026-07-01T06:59:00Z"))).toBe("2026-06-30");
    expect(clinicDate(new Date("2026-07-01T07:00:00Z"))).toBe("2026-07-01");
  });
});

import { describe, expect, it } from "vitest";
import { formatNational, isPartialPhoneSearch, phoneSearchDigits, toE164 } from "./phone.ts";

describe("toE164", () => {
  it.each([
    "(818) 805-2469",
    "818-805-2469",
    "818.805.2469",
    "818 805 2469",
    "8188052469",
    "18188052469",
    "1-818-805-2469",
    "1 (818) 805-2469",
    "+1 818 805 2469",
    "+1 (818) 805-2469",
    "+18188052469",
    "  818/805-2469  ",
  ])("normalizes %s", (written) => {
    expect(toE164(written)).toBe("+18188052469");
  });

  it.each([
    ["too short", "805-2469"],
    ["too long", "818-805-24690"],
    ["area code starting with 1", "(118) 805-2469"],
    ["area code starting with 0", "(018) 805-2469"],
    ["exchange starting with 1", "(818) 105-2469"],
    ["foreign country code", "+44 20 7946 0958"],
    ["letters", "818-805-CALL"],
    ["empty", ""],
    ["eleven digits not starting with 1", "28188052469"],
  ])("rejects %s", (_why, written) => {
    expect(toE164(written)).toBeNull();
  });
});

describe("formatNational", () => {
  it("shows E.164 in national format", () => {
    expect(formatNational("+18188052469")).toBe("(818) 805-2469");
  });
  it("leaves what it cannot read as it is", () => {
    expect(formatNational("+442079460958")).toBe("+442079460958");
  });
});

describe("phoneSearchDigits", () => {
  it("reads partial numbers in any format", () => {
    expect(phoneSearchDigits("(818) 805")).toBe("818805");
    expect(phoneSearchDigits("805-2469")).toBe("8052469");
    expect(phoneSearchDigits("+1 818 805 2469")).toBe("8188052469");
  });
  it("treats names and very short digit runs as not a phone search", () => {
    expect(phoneSearchDigits("Maria")).toBeNull();
    expect(phoneSearchDigits("81")).toBeNull();
  });
});

describe("isPartialPhoneSearch", () => {
  it("is true for number-like text no stored number can match", () => {
    expect(isPartialPhoneSearch("555-04")).toBe(true);
    expect(isPartialPhoneSearch("(818) 805")).toBe(true);
    expect(isPartialPhoneSearch("805-24690")).toBe(true);
  });
  it("is false for the whole number, its last 7 or last 4 digits, and for names", () => {
    expect(isPartialPhoneSearch("+1 (818) 805-2469")).toBe(false);
    expect(isPartialPhoneSearch("805-2469")).toBe(false);
    expect(isPartialPhoneSearch("2469")).toBe(false);
    expect(isPartialPhoneSearch("Maria")).toBe(false);
  });
});

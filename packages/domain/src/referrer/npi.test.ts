import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isValidNpi, luhnCheckDigit, NPI_PREFIX } from "./npi.ts";
import { Npi, ReferrerCreateInput } from "./referrer.ts";

describe("NPI check digit (CMS, Requirements for Check Digit)", () => {
  it("computes the standard's worked example: 123456789 with the prefix 80840 has check digit 3", () => {
    // The standard's example: 80840123456789, alternate digits doubled from the right, sum 67, check digit 3.
    expect(luhnCheckDigit(NPI_PREFIX + "123456789")).toBe(3);
    expect(isValidNpi("1234567893")).toBe(true);
  });

  it("refuses the standard's example with any other last digit", () => {
    for (const d of [0, 1, 2, 4, 5, 6, 7, 8, 9]) expect(isValidNpi(`123456789${d}`)).toBe(false);
  });

  it("refuses what is not ten digits", () => {
    for (const v of ["123456789", "12345678933", "123456789a", "", " 1234567893"]) expect(isValidNpi(v)).toBe(false);
  });

  it("without the 80840 prefix the digit would differ: the prefix is part of the rule", () => {
    // Plain Luhn over the nine digits alone gives 7 for 123456789, which the standard does not accept.
    expect(luhnCheckDigit("123456789")).toBe(7);
    expect(isValidNpi("1234567897")).toBe(false);
  });

  it("exactly one check digit makes any nine digits a valid NPI", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (nine) => {
        const valid = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => isValidNpi(`${nine}${d}`));
        expect(valid).toEqual([luhnCheckDigit(NPI_PREFIX + nine)]);
      }),
    );
  });

  it("the shared schema accepts spaces and dashes and says what to fix without repeating the number", () => {
    expect(Npi.parse("123-456 7893")).toBe("1234567893");
    const bad = Npi.safeParse("1234567890");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/check digit/);
    expect(bad.error?.issues[0]?.message).not.toContain("1234567890");
    expect(ReferrerCreateInput.safeParse({ name: "Dr. Lee", npi: "12345" }).error?.issues[0]?.message).toMatch(/exactly 10 digits/);
  });
});

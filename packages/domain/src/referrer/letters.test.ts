import { describe, expect, it } from "vitest";
import { referralLetter, type LetterFacts } from "./letters.ts";

const at = new Date("2026-12-10T18:00:00Z");
const facts = (over: Partial<LetterFacts> = {}): LetterFacts => ({
  patientName: "Rosa Diaz",
  leadStatus: "scheduled",
  mayUpdateReferrer: true,
  consult: { startsAt: at, status: "booked" },
  ...over,
});

describe("referral letters", () => {
  it("acknowledges a scheduled referral with its date when the patient allows updates", () => {
    const letter = referralLetter("acknowledgement", facts());
    expect(letter.ready && letter.paragraphs.join(" ")).toMatch(/received the referral\. Rosa Diaz is scheduled for a consultation on Dec 10, 2026/);
  });

  it("says only that the referral arrived when the patient did not allow updates", () => {
    const letter = referralLetter("acknowledgement", facts({ mayUpdateReferrer: false }));
    expect(letter.ready).toBe(true);
    const text = letter.ready ? letter.paragraphs.join(" ") : "";
    expect(text).toMatch(/received the referral/);
    expect(text).not.toMatch(/scheduled|consultation on|Dec 10/);
  });

  it("waits for a booked consult before acknowledging", () => {
    expect(referralLetter("acknowledgement", facts({ leadStatus: "handed_off", consult: null })).ready).toBe(false);
  });

  it("writes a status letter only after an attended consult, only with the patient's authorisation", () => {
    expect(referralLetter("status", facts({ leadStatus: "consulted", consult: { startsAt: at, status: "attended" }, mayUpdateReferrer: false }))).toMatchObject(
      {
        ready: false,
        why: expect.stringMatching(/has not agreed/),
      },
    );
    expect(referralLetter("status", facts()).ready).toBe(false);
    const letter = referralLetter("status", facts({ leadStatus: "in_treatment", consult: { startsAt: at, status: "attended" } }));
    expect(letter.ready && letter.paragraphs.join(" ")).toMatch(/attended a consultation at our clinic on Dec 10, 2026\. .*started a course of TMS/);
  });
});

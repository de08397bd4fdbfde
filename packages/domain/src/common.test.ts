import { describe, expect, it } from "vitest";
import { CallLogInput } from "./call/call.ts";
import { callStartProblem, textProblem, tooFarAheadProblem } from "./common.ts";

describe("textProblem", () => {
  it.each([
    ["NUL", "Ann\u0000Lee"],
    ["escape", "Ann\u001b[2JLee"],
    ["a C1 control", "Ann\u0085Lee"],
    ["DEL", "Ann\u007fLee"],
    ["a line break in a name", "Ann\nLee"],
    ["a line separator", "Ann\u2028Lee"],
    ["right-to-left override", "Ann\u202Eeel"],
    ["left-to-right embedding", "\u202AAnn"],
    ["a first-strong isolate", "Ann \u2068Lee\u2069"],
    ["a lone high surrogate", "Ann\uD83DLee"],
    ["a lone low surrogate", "Ann\uDE00Lee"],
  ])("refuses %s in one-line text", (_, text) => {
    expect(textProblem(text)).toMatch(/control|direction|broken/);
  });

  it("allows line breaks and tabs in notes, but not NUL or overrides", () => {
    expect(textProblem("one\r\ntwo\n\tthree", true)).toBeNull();
    expect(textProblem("one\u0000two", true)).toMatch(/control/);
    expect(textProblem("one\u202Etwo", true)).toMatch(/direction/);
  });

  it("allows accents, right-to-left scripts with their plain marks, and emoji", () => {
    for (const text of ["Zoë O'Brien", "אבי כהן", "محمد\u200F", "Ann\u200ELee", "Lee 😀", "Nguyễn Thị"]) expect(textProblem(text)).toBeNull();
  });

  it("never repeats the text in its message", () => {
    expect(textProblem("SECRET\u0000")).not.toContain("SECRET");
  });
});

describe("date bounds", () => {
  const call = { direction: "inbound", otherNumber: "8185550100", durationSeconds: 1, outcome: "connected" };
  const startedAtErrors = (startedAt: unknown) => {
    const parsed = CallLogInput.safeParse({ ...call, startedAt });
    return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
  };
  const now = new Date("2026-11-25T18:00:00.000Z");
  const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

  it("takes dates from 2000 to 2099 only", () => {
    expect(startedAtErrors("2000-01-01T00:00:00.000Z")).toEqual([]);
    expect(startedAtErrors("2099-12-31T23:59:59.999Z")).toEqual([]);
    expect(startedAtErrors("1999-12-31T23:59:59.999Z")).toEqual(["startedAt"]);
    expect(startedAtErrors("+275760-09-13T00:00:00.000Z")).toEqual(["startedAt"]);
    expect(startedAtErrors("soon")).toEqual(["startedAt"]);
  });

  it("takes a call up to five minutes ahead of the clock", () => {
    expect(callStartProblem(minutes(-600), now)).toBeNull();
    expect(callStartProblem(minutes(5), now)).toBeNull();
    expect(callStartProblem(minutes(6), now)).toMatch(/5 minutes/);
  });

  it("books at most two years ahead", () => {
    expect(tooFarAheadProblem(minutes(700 * 24 * 60), now)).toBeNull();
    expect(tooFarAheadProblem(minutes(740 * 24 * 60), now)).toMatch(/two years/);
  });
});

import { describe, expect, it } from "vitest";
import { endedOutcome, liveState, statusRank } from "./telephony.ts";

describe("provider call statuses", () => {
  it("order ringing before answered before any ending", () => {
    expect(statusRank("ringing")).toBeLessThan(statusRank("in_progress"));
    for (const end of ["completed", "busy", "no_answer", "failed", "canceled"] as const) {
      expect(statusRank(end)).toBeGreaterThan(statusRank("in_progress"));
      expect(liveState(end)).toBe("ended");
    }
    expect(liveState("queued")).toBe("ringing");
  });

  it("a completed call was connected; an unanswered one is abandoned under 15 s, missed from 15 s", () => {
    expect(endedOutcome("completed", 3)).toBe("connected");
    expect(endedOutcome("canceled", 14.9)).toBe("abandoned");
    expect(endedOutcome("no_answer", 15)).toBe("missed");
    expect(endedOutcome("busy", 0)).toBe("abandoned");
    expect(endedOutcome("failed", 40)).toBe("missed");
  });
});

import { describe, expect, it } from "vitest";
import { cohortRange, locateRank, medianRanks, percentileRank, FunnelInput } from "./input.ts";
import { MEASURE, durationBucket, leadFacts, leadMeasures } from "./measures.ts";

const MIN = 60_000;

describe("leadFacts", () => {
  it("reaches a stage by the first event into it or a later one, keeping what a closed lead reached", () => {
    const facts = leadFacts({
      createdAt: 0,
      createdById: 7,
      status: "closed",
      closedReason: "cost",
      events: [
        { toStatus: "new", at: 0, actorId: 7 },
        { toStatus: "contacting", at: 10 * MIN, actorId: 8 },
        { toStatus: "screening", at: 20 * MIN, actorId: 8 },
        { toStatus: "needs_review", at: 30 * MIN, actorId: 8 },
        { toStatus: "closed", at: 40 * MIN, actorId: 8 },
        { toStatus: "contacting", at: 50 * MIN, actorId: 9 },
        { toStatus: "closed", at: 60 * MIN, actorId: 9 },
      ],
      calls: [],
      consults: [],
    });
    expect(facts.reached).toBe(2);
    expect(facts.stageAt).toEqual([0, 10 * MIN, 20 * MIN, null, null, null, null, null]);
    // The first contact, not the reopening, owns the lead.
    expect(facts.coordinatorId).toBe(8);
    expect(facts.closedReason).toBe("cost");
  });

  it("times speed to lead from the first inbound call's start to the first attempt, call or status", () => {
    const base = { createdAt: 5 * MIN, createdById: 1, status: "contacting" as const, closedReason: null, consults: [] };
    const missedThenCalledBack = leadFacts({
      ...base,
      events: [
        { toStatus: "new", at: 5 * MIN, actorId: 1 },
        { toStatus: "contacting", at: 50 * MIN, actorId: 1 },
      ],
      calls: [
        { direction: "inbound", outcome: "missed", startedAt: 2 * MIN },
        { direction: "outbound", outcome: "voicemail", startedAt: 47 * MIN },
        { direction: "inbound", outcome: "connected", startedAt: 90 * MIN },
      ],
    });
    expect(missedThenCalledBack.speedToLeadMs).toBe(45 * MIN);
    expect([missedThenCalledBack.inboundCalls, missedThenCalledBack.connectedCalls]).toEqual([2, 1]);
    const neverContacted = leadFacts({ ...base, status: "new", events: [{ toStatus: "new", at: 5 * MIN, actorId: 1 }], calls: [] });
    expect(neverContacted.speedToLeadMs).toBeNull();
    expect(leadMeasures(neverContacted).map((m) => m.measure)).toEqual([MEASURE.inquiry]);
  });

  it("a count's row carries the count as its weight, so another call moves no indexed column", () => {
    const base = { createdAt: 0, createdById: 1, closedReason: null, consults: [] };
    const counted = (calls: number) =>
      leadMeasures(
        leadFacts({
          ...base,
          status: "contacting",
          events: [{ toStatus: "contacting", at: 5 * MIN, actorId: 1 }],
          calls: Array.from({ length: calls }, (_, i) => ({ direction: "inbound" as const, outcome: "connected" as const, startedAt: i * MIN })),
        }),
      ).filter((m) => m.measure === MEASURE.inboundCalls || m.measure === MEASURE.connectedCalls);
    expect(counted(3)).toEqual([
      { measure: MEASURE.inboundCalls, value: 0, bucket: 0, weight: 3 },
      { measure: MEASURE.connectedCalls, value: 0, bucket: 0, weight: 3 },
    ]);
    expect(counted(4)).toEqual(counted(3).map((m) => ({ ...m, weight: 4 })));
    expect(leadMeasures(leadFacts({ ...base, status: "new", events: [], calls: [] })).every((m) => m.weight === 1)).toBe(true);
  });
});

describe("buckets and ranks", () => {
  it("bucket 0 is exactly zero and buckets grow with the duration", () => {
    expect(durationBucket(0)).toBe(0);
    expect(durationBucket(1)).toBe(1);
    const hours = [1, 2, 5, 24, 24 * 30, 24 * 730].map((h) => durationBucket(h * 3_600_000));
    expect([...hours].sort((a, b) => a - b)).toEqual(hours);
    expect(hours.at(-1)).toBeLessThan(160);
  });

  it("finds a rank's bucket and its place in it", () => {
    const hist = [
      { bucket: 0, n: 3 },
      { bucket: 4, n: 2 },
      { bucket: 9, n: 5 },
    ];
    expect(locateRank(hist, 1)).toEqual({ bucket: 0, offset: 0, fromTop: 2 });
    expect(locateRank(hist, 5)).toEqual({ bucket: 4, offset: 1, fromTop: 0 });
    expect(locateRank(hist, 6)).toEqual({ bucket: 9, offset: 0, fromTop: 4 });
    expect(locateRank(hist, 11)).toBeNull();
    expect(medianRanks(5)).toEqual([3]);
    expect(medianRanks(6)).toEqual([3, 4]);
    expect(percentileRank(10, 90)).toEqual([9]);
  });
});

describe("cohorts", () => {
  it("run midnight to midnight in Los Angeles, across daylight saving", () => {
    expect(cohortRange({ from: "2026-12-31", to: "2027-01-01" })).toEqual({
      from: new Date("2026-12-31T08:00:00Z"),
      to: new Date("2027-01-01T08:00:00Z"),
    });
    // The spring-forward day is 23 hours long.
    const dst = cohortRange({ from: "2026-03-08", to: "2026-03-09" });
    expect(dst.to.getTime() - dst.from.getTime()).toBe(23 * 3_600_000);
    expect(FunnelInput.safeParse({ from: "2026-01-01", to: "2026-01-01" }).success).toBe(false);
  });
});

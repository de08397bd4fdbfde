import { describe, expect, it } from "vitest";
import { median, percentile, ratio, stagesReached } from "./funnel.ts";

describe("funnel arithmetic", () => {
  it("a status reaches every stage up to its own", () => {
    expect(stagesReached(-1, "new")).toEqual(["inquiry"]);
    expect(stagesReached(0, "screening")).toEqual(["contacted", "screened"]);
    expect(stagesReached(2, "needs_review")).toEqual([]);
    expect(stagesReached(2, "eligible")).toEqual(["eligible"]);
    expect(stagesReached(5, "scheduled")).toEqual([]);
    expect(stagesReached(3, "closed")).toEqual([]);
    expect(stagesReached(1, "contacting")).toEqual([]); // a reopened lead counts once
  });

  it("median takes the middle, or the mean of the middle two", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([1, 2, 10])).toBe(2);
    expect(median([1, 2, 4, 10])).toBe(3);
  });

  it("percentile is nearest-rank", () => {
    const xs = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(percentile(xs, 90)).toBe(9);
    expect(percentile(xs, 50)).toBe(5);
    expect(percentile(xs, 100)).toBe(10);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 90)).toBeNull();
  });

  it("ratio is null over nothing", () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 0)).toBeNull();
  });
});

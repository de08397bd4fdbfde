// A short run of the crash proof in every test run, so the script cannot rot; `pnpm --filter @intake/server crash-test` runs 20 cycles.
import { describe, expect, it } from "vitest";
import { crashTest } from "./crash.ts";

describe("crash proof", () => {
  it("loses no acknowledged call across SIGKILLs mid-load", async () => {
    const result = await crashTest({ cycles: 2, concurrency: 8, killAfterMs: 800, port: 3301 });
    expect(result.acknowledged).toBeGreaterThan(20);
    expect(result.lost).toBe(0);
  }, 180_000);
});

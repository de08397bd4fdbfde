// A tiny run of the bench in `pnpm test`, so the bench cannot rot: small database, a second per scenario.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { APP_CEILING_SCENARIO, CEILING_SCENARIO, runBench, type BenchResult } from "./bench.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pnpm bench (smoke)", () => {
  it("seeds, starts the real server, drives every scenario and writes the result file", async () => {
    const out = join(dir, "result.json");
    await runBench({ dbPath: join(dir, "bench.sqlite"), leads: 400, calls: 1600, duration: 1, connections: 4, coordinators: 3, probes: 5, out, log: () => {} });
    const result = JSON.parse(readFileSync(out, "utf8")) as BenchResult;
    expect(result.scenarios.map((s) => s.name.split(" ")[0])).toEqual([
      "raw",
      "ceiling:",
      "ceiling:",
      "ceiling:",
      "call.log",
      "auth.me",
      "lead.list",
      "funnel.get",
      "mixed:",
      "mixed:",
      "during",
      "during",
    ]);
    for (const s of result.scenarios) {
      expect(s.requests, s.name).toBeGreaterThan(0);
      expect(s.errors + s.non2xx, s.name).toBe(0);
    }
    for (const s of result.scenarios.slice(1)) expect(s.ratioToRaw, s.name).toBeGreaterThan(0);
    // Every figure beside the stack's own ceiling, which is 1 against itself.
    for (const s of result.scenarios) expect(s.ratioToCeiling, s.name).toBeGreaterThan(0);
    expect(result.scenarios.find((s) => s.name === CEILING_SCENARIO)?.ratioToCeiling).toBe(1);
    // This app's request thread answered call.log as a signed-in coordinator (no refusal counted above).
    expect(result.scenarios.find((s) => s.name === APP_CEILING_SCENARIO)?.requests).toBeGreaterThan(0);
    expect(Object.keys(result.goals)).toEqual(expect.arrayContaining(["call.log throughput vs ceiling", "funnel.get p99 while calls are logged (ms)"]));
    expect(Object.keys(result.probes)).toHaveLength(4);
    expect(result.serverReadyMs).toBeGreaterThan(0);
  }, 120_000);
});

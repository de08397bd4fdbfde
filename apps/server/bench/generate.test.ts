import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FUNNEL_STAGES, STATUS_STAGE, findTransition, leadFacts, leadMeasures, type LeadStatus } from "@intake/domain";
import { closeDb, openDb, MIGRATIONS_FOLDER, type Db, type OpenedDb } from "@intake/db";
import { generateHistory, generatedPhone, type GenerateResult } from "./generate.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-generate-"));
let db: Db & OpenedDb;
let result: GenerateResult;
const NOW = new Date("2026-11-25T18:00:00Z");

beforeAll(() => {
  db = openDb({ path: join(dir, "gen.sqlite") });
  result = generateHistory(db, { leads: 3000, calls: 12_000, months: 6, now: NOW, passwordHash: "x" });
});
afterAll(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

const all = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[];

describe("generateHistory", () => {
  it("makes the leads and exactly the calls asked for, all in the past, and leaves indexes and triggers in place", () => {
    expect(result).toMatchObject({ leads: 3000, calls: 12_000 });
    expect(db.$client.prepare("select count(*) from call").pluck().get()).toBe(12_000);
    expect(db.$client.prepare("select max(started_at) from call").pluck().get()).toBeLessThan(NOW.getTime());
    const names = all<{ name: string }>("select name from sqlite_master where type in ('index', 'trigger')").map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["lead_phone_idx", "call_lead_idx", "funnel_measure_idx", "funnel_dirty_lead_event_insert"]));
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.prepare("select count(*) from funnel_dirty").pluck().get()).toBe(0);
    // Counts the load's triggers would have kept, counted once after it.
    expect(all("select span, period, measure, bucket, n from funnel_rollup order by 1, 2, 3, 4")).toEqual(
      all(
        `select 0 as span, created_at / 86400000 as period, measure, bucket, sum(weight) as n from funnel_measure group by 2, 3, 4
         union all select 5, created_at / 2764800000, measure, bucket, sum(weight) from funnel_measure group by 2, 3, 4 order by 1, 2, 3, 4`,
      ),
    );
    expect(db.$client.prepare("select count(*) from funnel_rollup").pluck().get()).toBeGreaterThan(100);
  });

  it("gives every lead a status history the lifecycle allows, ending in its status", () => {
    const leads = all<{ id: number; status: LeadStatus; closed_reason: string | null }>("select id, status, closed_reason from lead");
    const events = all<{ lead_id: number; from_status: LeadStatus | null; to_status: LeadStatus; at: number }>(
      "select lead_id, from_status, to_status, at from lead_event order by lead_id, at, id",
    );
    const byLead = new Map<number, typeof events>();
    for (const e of events) byLead.set(e.lead_id, [...(byLead.get(e.lead_id) ?? []), e]);
    for (const lead of leads) {
      const history = byLead.get(lead.id)!;
      expect(history[0]).toMatchObject({ from_status: null, to_status: "new" });
      for (let i = 1; i < history.length; i++) {
        const e = history[i]!;
        expect(e.from_status).toBe(history[i - 1]!.to_status);
        expect(findTransition(e.from_status!, e.to_status), `${e.from_status} → ${e.to_status}`).toBeDefined();
        expect(e.at).toBeGreaterThanOrEqual(history[i - 1]!.at);
      }
      expect(history.at(-1)!.to_status).toBe(lead.status);
      expect(lead.closed_reason !== null).toBe(lead.status === "closed");
    }
    // Drop-offs at every stage, and some leads all the way through.
    const reached = new Map<number, number>();
    for (const e of events) reached.set(e.lead_id, Math.max(reached.get(e.lead_id) ?? 0, STATUS_STAGE[e.to_status] ?? 0));
    const counts = FUNNEL_STAGES.map((_, k) => [...reached.values()].filter((r) => r >= k).length);
    for (let k = 1; k < counts.length; k++) {
      expect(counts[k]).toBeLessThan(counts[k - 1]!);
      expect(counts[k]).toBeGreaterThan(0);
    }
  });

  it("writes the funnel rows the app itself would compute from that history", () => {
    const stored = all<{ id: number; bucket: number; value: number; weight: number; coordinator_id: number | null }>(
      "select id, bucket, value, weight, coordinator_id from funnel_measure order by id",
    );
    const expected: typeof stored = [];
    for (const lead of all<{ id: number; created_at: number; created_by_id: number; status: LeadStatus; closed_reason: null }>(
      "select * from lead order by id",
    )) {
      const facts = leadFacts({
        createdAt: lead.created_at,
        createdById: lead.created_by_id,
        status: lead.status,
        closedReason: lead.closed_reason,
        events: all<{ to_status: LeadStatus; at: number; actor_id: number }>("select to_status, at, actor_id from lead_event where lead_id = ?", lead.id).map(
          (e) => ({
            toStatus: e.to_status,
            at: e.at,
            actorId: e.actor_id,
          }),
        ),
        calls: all<{ direction: "inbound"; outcome: "connected"; started_at: number }>(
          "select direction, outcome, started_at from call where lead_id = ?",
          lead.id,
        ).map((c) => ({
          direction: c.direction,
          outcome: c.outcome,
          startedAt: c.started_at,
        })),
        consults: all<{ status: "attended" }>("select status from appointment where lead_id = ? and kind = 'consult'", lead.id).map((a) => a.status),
      });
      for (const m of leadMeasures(facts))
        expected.push({ id: lead.id * 16 + m.measure, bucket: m.bucket, value: m.value, weight: m.weight, coordinator_id: facts.coordinatorId });
    }
    expect(stored).toEqual(expected);
  });

  it("stores phone numbers encrypted, readable by the app's cipher, findable by blind index", () => {
    const row = db.$client.prepare("select phone, phone_index from lead where id = 1").get() as { phone: string; phone_index: string };
    expect(row.phone.startsWith("enc1:")).toBe(true);
    expect(db.cipher.decrypt(row.phone)).toBe(generatedPhone(0));
    // Every value has its own IV, though the generator cuts them from one pool.
    const ivs = all<{ phone: string }>("select phone from lead").map((r) => r.phone.split(":")[2]);
    expect(new Set(ivs).size).toBe(ivs.length);
    expect(db.$client.prepare("select count(*) from call where lead_id = 1 and other_number_index = ?").pluck().get(row.phone_index)).toBeGreaterThan(0);
  });

  it("refuses a database that already has leads", () => {
    expect(() => generateHistory(db, { leads: 1, calls: 1, passwordHash: "x" })).toThrow(/already has leads/);
  });
});

describe("the funnel triggers migration", () => {
  it("is kept beside the generated one (drizzle-kit cannot write triggers; regenerating 0000 must keep 0001)", () => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
    expect(journal.entries.map((e) => e.tag)).toContain("0001_funnel_triggers");
    const triggers = all<{ name: string }>("select name from sqlite_master where type = 'trigger' and name like 'funnel_dirty_%'");
    // Nine from 0001, and 0014's on a consult's confirmation by text.
    expect(triggers).toHaveLength(10);
  });
});

describe("lead_status_count after a bulk load", () => {
  it("is counted afresh: the load runs without triggers", () => {
    const counted = Object.fromEntries(db.$client.prepare("select status, count(*) as n from lead group by status").raw().all() as [string, number][]);
    const kept = Object.fromEntries(db.$client.prepare("select status, n from lead_status_count where n <> 0").raw().all() as [string, number][]);
    expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBe(3000);
    expect(kept).toEqual(counted);
  });
});

describe("the encrypted format", () => {
  it("has one encoder: only the db package's crypto.ts creates a cipher, and @intake/db exports no generator", () => {
    const root = fileURLToPath(new URL("../../..", import.meta.url));
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== "dist") walk(path);
        else if (/(?<!\.test)\.tsx?$/.test(entry.name)) sources.push(path);
      }
    };
    walk("packages");
    walk("apps");
    const encoders = sources.filter((f) => readFileSync(join(root, f), "utf8").includes("createCipheriv("));
    expect(encoders).toEqual([join("packages", "db", "src", "crypto.ts")]);
    const db = JSON.parse(readFileSync(join(root, "packages/db/package.json"), "utf8")) as { exports: Record<string, string> };
    expect(Object.values(db.exports).filter((target) => target.includes("generate"))).toEqual([]);
  });
});

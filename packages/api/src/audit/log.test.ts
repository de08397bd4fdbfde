import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, createHarness, type Harness } from "../testing/harness.ts";
import { AUDIT_FIELD_MAX, boundedEntry, verifyAudit } from "./log.ts";

let h: Harness;
let leadId: number;

beforeAll(async () => {
  h = await createHarness();
  const coordinator = await h.as("coordinator");
  const { lead } = await coordinator["call.log"]({
    direction: "inbound",
    otherNumber: "(323) 555-0161",
    startedAt: h.clock.now,
    durationSeconds: 120,
    outcome: "connected",
    callerName: "Wilhelmina Audit-Subject",
    notes: "Burning pain after shingles",
  });
  leadId = lead!.id;
  await coordinator.lead.byId({ id: leadId });
  await coordinator.lead.list({ page: 1, perPage: 10, search: "Wilhelmina" });
  await codeOf((await h.as("scheduler")).lead.byId({ id: leadId }));
});
afterAll(() => h.close());

const sql = (q: string, ...p: unknown[]) => h.db.$client.prepare(q).run(...p);

describe("audit trail", () => {
  it("records reads, writes, refusals and sign-ins with ids, never patient data", async () => {
    const rows = h.db.$client.prepare("select * from audit_entry").all() as Record<string, unknown>[];
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/Wilhelmina|Audit-Subject|shingles|555-?0161|3235550161/);
    const actions = rows.map((r) => `${r.action}:${r.actor_role}:${r.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        "auth.signIn:coordinator:ok",
        "call.log:coordinator:ok",
        "lead.byId:coordinator:ok",
        "lead.list:coordinator:ok",
        "lead.byId:scheduler:denied",
      ]),
    );
    const read = rows.find((r) => r.action === "lead.byId" && r.outcome === "ok");
    expect(read).toMatchObject({ record_type: "lead", record_id: String(leadId), ip: "127.0.0.1" });
    const failedSignIn = await codeOf(h.anonymous("203.0.113.9").caller.auth.signIn({ email: "coordinator@iris.test", password: "guessing-123" }));
    expect(failedSignIn).toBe("UNAUTHORIZED");
    const last = h.db.$client.prepare("select action, outcome, ip from audit_entry order by seq desc limit 1").get();
    expect(last).toEqual({ action: "auth.signIn", outcome: "denied", ip: "203.0.113.9" });
  });

  it("managers filter the report by record and user; the report read is itself audited", async () => {
    const manager = await h.as("manager");
    const byRecord = await manager.audit.list({ page: 1, perPage: 50, recordType: "lead", recordId: String(leadId), sort: "at" });
    expect(byRecord.items.map((e) => e.action)).toEqual(expect.arrayContaining(["lead.byId", "lead.list"]));
    const byUser = await manager.audit.list({ page: 1, perPage: 50, actorId: h.userId("scheduler"), sort: "-at" });
    expect(byUser.items.every((e) => e.actorRole === "scheduler")).toBe(true);
    const csv = await manager.audit.export({ sort: "at" });
    expect(csv.content.split("\r\n")[0]).toBe("seq,at,actor_id,actor,role,action,record_type,record_id,ip,outcome");
    const mine = await manager.audit.list({ page: 1, perPage: 5, action: "audit.export", sort: "-at" });
    expect(mine.items[0]).toMatchObject({ actorRole: "manager", outcome: "ok" });
    expect(await codeOf((await h.as("coordinator")).audit.list({ page: 1, perPage: 5, sort: "at" }))).toBe("FORBIDDEN");
  });

  it("verifies while untouched, and names the first entry that was changed, removed or swapped", () => {
    const key = h.auditKey;
    const ok = verifyAudit(h.db, key);
    expect(ok.ok).toBe(true);
    const n = ok.checked;
    expect(n).toBeGreaterThan(10);

    const original = h.db.$client.prepare("select record_id from audit_entry where seq = 5").pluck().get();
    sql("update audit_entry set record_id = '42' where seq = 5");
    expect(verifyAudit(h.db, key)).toMatchObject({ ok: false, seq: 5, problem: "changed" });
    sql("update audit_entry set record_id = ? where seq = 5", original);
    expect(verifyAudit(h.db, key).ok).toBe(true);

    const row7 = h.db.$client.prepare("select * from audit_entry where seq = 7").get() as Record<string, unknown>;
    sql("delete from audit_entry where seq = 7");
    expect(verifyAudit(h.db, key)).toMatchObject({ ok: false, seq: 7, problem: "removed" });
    h.db.$client
      .prepare(
        `insert into audit_entry (${Object.keys(row7).join(",")}) values (${Object.keys(row7)
          .map(() => "?")
          .join(",")})`,
      )
      .run(...Object.values(row7));
    expect(verifyAudit(h.db, key).ok).toBe(true);

    // Swap the contents of entries 3 and 4 (their seq stays): both now sit in the wrong place.
    const cols = ["at", "actor_id", "actor_role", "action", "record_type", "record_id", "ip", "outcome", "prev_hash", "hash"];
    const get = (seq: number) => h.db.$client.prepare(`select ${cols.join(",")} from audit_entry where seq = ?`).get(seq) as Record<string, unknown>;
    const [a, b] = [get(3), get(4)];
    const put = (seq: number, r: Record<string, unknown>) =>
      sql(`update audit_entry set ${cols.map((c) => `${c} = ?`).join(",")} where seq = ?`, ...cols.map((c) => r[c]), seq);
    put(3, b);
    put(4, a);
    expect(verifyAudit(h.db, key)).toMatchObject({ ok: false, seq: 3 });
  });

  it("bounds every stored field, whoever writes: a long id list is cut at a whole id, a non-address is no address", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => String(100_000 + i)).join(",");
    const entry = boundedEntry({
      at: 0,
      actorId: null,
      actorRole: "r".repeat(500),
      action: "a".repeat(10_000),
      recordType: "t".repeat(10_000),
      recordId: ids,
      ip: '=HYPERLINK("http://x")',
      outcome: "denied",
    });
    expect(entry.action).toHaveLength(AUDIT_FIELD_MAX.action);
    expect(entry.recordType).toHaveLength(AUDIT_FIELD_MAX.recordType);
    expect(entry.actorRole!.length).toBeLessThanOrEqual(AUDIT_FIELD_MAX.recordType);
    expect(entry.recordId!.length).toBeLessThanOrEqual(AUDIT_FIELD_MAX.recordId);
    expect(entry.recordId).toMatch(/^(\d{6},)+…$/);
    expect(entry.ip).toBeNull();
    expect(boundedEntry({ ...entry, ip: "::ffff:203.0.113.9" }).ip).toBe("::ffff:203.0.113.9");
    expect(boundedEntry({ ...entry, ip: "1".repeat(46) }).ip).toBeNull();
  });
});

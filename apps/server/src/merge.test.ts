// Merging duplicate leads over real HTTP: the same merge sent many times at once happens once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ok, startServer, type Call, type TestServer } from "./testing/http.ts";

let server: TestServer;
let coordinator: Call;
let manager: Call;

beforeAll(async () => {
  server = await startServer();
  [coordinator, manager] = await Promise.all([server.signIn("coordinator@iris.test"), server.signIn("manager@iris.test")]);
});
afterAll(() => server.close());

async function lead(name: string, last4: string): Promise<number> {
  const answer = await ok<{ lead: { id: number } }>(
    coordinator("call.log", {
      direction: "inbound",
      otherNumber: `(626) 555-${last4}`,
      startedAt: server.clock.now,
      durationSeconds: 60,
      outcome: "connected",
      callerName: name,
    }),
    "call.log",
  );
  return answer.lead.id;
}

describe("lead.merge over HTTP", () => {
  it("the same merge sent 40 times at once merges once; the others get a clear CONFLICT", async () => {
    const survivor = await lead("Iris Twice", "0601");
    const merged = await lead("Iris Twice", "0602");
    const input = { survivorId: survivor, mergedId: merged, reason: "Same caller from two phones" };
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? manager : coordinator)("lead.merge", input)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(39);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.error?.code).toBe("CONFLICT");
      expect(a.error?.message).toBe(`mergedId: Lead #${merged} has already been merged into lead #${survivor}; nothing was changed.`);
    }
    // One closing event, one audit entry that succeeded.
    const db = server.db.$client;
    expect(db.prepare("select count(*) from lead_event where lead_id = ? and to_status = 'closed'").pluck().get(merged)).toBe(1);
    expect(db.prepare("select count(*) from audit_entry where action = 'lead.merge' and outcome = 'ok'").pluck().get()).toBe(1);
    const closed = await ok<{ status: string; closedReason: string; mergedIntoId: number }>(coordinator("lead.byId", { id: merged }), "lead.byId");
    expect(closed).toMatchObject({ status: "closed", closedReason: "duplicate", mergedIntoId: survivor });
  });

  it("is refused to a scheduler, and says what to fix when the two leads are one", async () => {
    const scheduler = await server.signIn("scheduler@iris.test");
    expect((await scheduler("lead.merge", { survivorId: 1, mergedId: 2, reason: "x" })).status).toBe(403);
    const same = await coordinator("lead.merge", { survivorId: 1, mergedId: 1, reason: "x" });
    expect(same.status).toBe(400);
    expect(same.error?.message).toMatch(/Choose two different leads/);
  });

  it("a merged lead's number reaches the survivor: a later inquiry and call from it are touches of the lead that stayed", async () => {
    const kept = await lead("Ana Dos", "0611");
    // A minute later (the session stays fresh): the second lead is the newer one.
    server.clock.now = new Date(server.clock.now.getTime() + 60_000);
    const second = await lead("Ana Dos", "0612");
    // The newer lead takes the older one's number (a typo fixed by hand): both now have it.
    await ok(coordinator("lead.update", { id: second, phone: "(626) 555-0611" }), "lead.update");
    await ok(coordinator("lead.merge", { survivorId: kept, mergedId: second, reason: "Same caller" }), "lead.merge");
    const posted = await fetch(`${server.base}/api/inquiries`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Ana Dos", phone: "(626) 555-0611", message: "Still waiting for a call" }),
    });
    expect(posted.status).toBe(202);
    const { reference } = (await posted.json()) as { reference: string };
    const db = server.db.$client;
    expect(db.prepare("select lead_id from lead_touch where reference = ?").pluck().get(reference)).toBe(kept);
    const called = await ok<{ lead: { id: number } }>(
      coordinator("call.log", { direction: "inbound", otherNumber: "(626) 555-0611", startedAt: server.clock.now, durationSeconds: 30, outcome: "connected" }),
      "call.log",
    );
    expect(called.lead.id).toBe(kept);
  });

  it("a merge that fails halfway (after the rows moved) leaves both leads as they were, and its entry records the failure with both ids", async () => {
    const survivor = await lead("Half Way", "0621");
    const merged = await lead("Half Way", "0622");
    const db = server.db.$client;
    // Fault injected in the database: the merged lead's closing event cannot be written, after its calls have moved.
    db.exec("create trigger fail_merge before insert on lead_event when new.detail like 'merged into lead %' begin select raise(abort, 'injected'); end");
    try {
      const answer = await coordinator("lead.merge", { survivorId: survivor, mergedId: merged, reason: "fail here" });
      expect(answer.status).toBe(500);
      expect(answer.error?.message).toBe("Something went wrong on the server. Try again.");
    } finally {
      db.exec("drop trigger fail_merge");
    }
    expect(db.prepare("select count(*) from call where lead_id = ?").pluck().get(merged)).toBe(1);
    expect(db.prepare("select status, merged_into_id as mergedIntoId from lead where id = ?").get(merged)).toEqual({
      status: "contacting",
      mergedIntoId: null,
    });
    const entry = db.prepare("select outcome, record_id as recordId from audit_entry where action = 'lead.merge' order by seq desc limit 1").get();
    expect(entry).toEqual({ outcome: "failed", recordId: `${survivor},${merged}` });
  });

  it("a merged lead cannot be reopened: its record moved to the survivor, so the desk is sent there", async () => {
    const survivor = await lead("Re Open", "0631");
    const merged = await lead("Re Open", "0632");
    await ok(coordinator("lead.merge", { survivorId: survivor, mergedId: merged, reason: "Same caller" }), "lead.merge");
    const reopened = await coordinator("lead.transition", { id: merged, to: "contacting", reason: "Called back" });
    expect(reopened.status).toBe(409);
    expect(reopened.error?.message).toBe(`Lead #${merged} was merged into lead #${survivor}: work on that lead instead.`);
    expect(server.db.$client.prepare("select status from lead where id = ?").pluck().get(merged)).toBe("closed");
  });
});

describe("lead.duplicates over HTTP", () => {
  it("finds the lead with the same phone number even behind a hundred newer namesakes who are not the same person", async () => {
    const first = await lead("Maria Garcia", "0701");
    const second = await lead("Someone Else", "0702");
    await ok(coordinator("lead.update", { id: second, phone: "(626) 555-0701" }), "lead.update");
    server.clock.now = new Date(server.clock.now.getTime() + 60_000);
    for (let i = 0; i < 101; i++) await lead("Maria Garcia", String(7100 + i));
    const found = await ok<{ id: number; reasons: string[] }[]>(coordinator("lead.duplicates", { leadId: first }), "lead.duplicates");
    expect(found).toEqual([expect.objectContaining({ id: second, reasons: ["phone"] })]);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { phoneIndexes, schema } from "@intake/db";
import type { Role } from "@intake/domain";
import { codeOf, createHarness, errorOf, type Harness } from "../testing/harness.ts";
import { leadView } from "../services/views.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
beforeAll(async () => {
  h = await createHarness();
  coordinator = await h.as("coordinator");
});
afterAll(() => h.close());

const base = {
  direction: "inbound" as const,
  startedAt: new Date("2026-11-25T17:30:00Z"),
  durationSeconds: 240,
  outcome: "connected" as const,
};

describe("call.log", () => {
  it("a connected inbound call from an unknown number starts a lead and counts as contact", async () => {
    const { call, lead } = await coordinator["call.log"]({ ...base, otherNumber: "(213) 555-0101", callerName: "Rosa Diaz", notes: "Back pain 2 years" });
    expect(call).toMatchObject({ otherNumber: "+12135550101", outcome: "connected", leadId: lead?.id, notes: "Back pain 2 years" });
    expect(lead).toMatchObject({ name: "Rosa Diaz", phone: "+12135550101", status: "contacting", source: "Website / listed number" });
    const events = h.db.select().from(schema.leadEvent).where(eq(schema.leadEvent.leadId, lead!.id)).all();
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "new"],
      ["new", "contacting"],
    ]);
    expect(events.every((e) => e.actorId === h.userId("coordinator"))).toBe(true);
  });

  it("says whether the call started its lead", async () => {
    const first = await coordinator["call.log"]({ ...base, otherNumber: "(213) 555-0111" });
    expect(first.created).toBe(true);
    const again = await coordinator["call.log"]({ ...base, otherNumber: "(213) 555-0111" });
    expect(again).toMatchObject({ created: false, lead: { id: first.lead!.id } });
    const spam = await coordinator["call.log"]({ ...base, otherNumber: "(213) 555-0112", outcome: "spam" });
    expect(spam).toMatchObject({ created: false, lead: null });
  });

  it("defaults to the listed line, (818) 805-2469", async () => {
    const { call } = await coordinator["call.log"]({ ...base, otherNumber: "213-555-0102" });
    const line = h.db.select().from(schema.line).where(eq(schema.line.id, call.lineId)).get();
    expect(line?.number).toBe("+18188052469");
  });

  it("attaches a later call from the same number, written another way, to the same lead", async () => {
    const first = await coordinator["call.log"]({ ...base, otherNumber: "2135550103" });
    const again = await coordinator["call.log"]({ ...base, otherNumber: "+1 (213) 555-0103", outcome: "missed", durationSeconds: 0 });
    expect(again.lead?.id).toBe(first.lead?.id);
    expect(
      h.db
        .select()
        .from(schema.lead)
        .where(eq(schema.lead.phoneIndex, phoneIndexes(h.db, "+12135550103").phoneIndex))
        .all(),
    ).toHaveLength(1);
  });

  it("answers with the lead as stored (its public columns): a caller's name fills a nameless lead, a named lead keeps its name", async () => {
    const stored = (id: number) => leadView(h.db.select().from(schema.lead).where(eq(schema.lead.id, id)).get()!);
    const first = await coordinator["call.log"]({ ...base, otherNumber: "213 555 0107", outcome: "missed", durationSeconds: 0 });
    expect(first.lead).toEqual(stored(first.lead!.id));
    expect(first.lead?.name).toBeNull();
    h.clock.advanceMinutes(1);
    const named = await coordinator["call.log"]({ ...base, otherNumber: "2135550107", callerName: "Ana Ruiz" });
    expect(named.lead).toEqual(stored(first.lead!.id));
    expect(named.lead).toMatchObject({ name: "Ana Ruiz", status: "contacting", updatedAt: h.clock.now });
    h.clock.advanceMinutes(1);
    const renamed = await coordinator["call.log"]({ ...base, otherNumber: "2135550107", callerName: "Someone Else" });
    expect(renamed.lead).toEqual(stored(first.lead!.id));
    expect(renamed.lead).toMatchObject({ name: "Ana Ruiz", updatedAt: h.clock.now });
  });

  it("a missed call from an unknown number starts a lead that still waits for contact", async () => {
    const { lead } = await coordinator["call.log"]({ ...base, otherNumber: "213.555.0104", outcome: "missed", durationSeconds: 0 });
    expect(lead?.status).toBe("new");
  });

  it.each(["spam", "wrong_number", "abandoned"] as const)("a %s call from an unknown number starts no lead", async (outcome) => {
    const number = `213555${String(200 + ["spam", "wrong_number", "abandoned"].indexOf(outcome)).padStart(4, "0")}`;
    const { call, lead } = await coordinator["call.log"]({ ...base, otherNumber: number, outcome, durationSeconds: 5 });
    expect(lead).toBeNull();
    expect(call.leadId).toBeNull();
  });

  it("an outbound call to a new lead moves it to contacting", async () => {
    const { lead } = await coordinator["call.log"]({ ...base, otherNumber: "213 555 0105", outcome: "voicemail" });
    expect(lead?.status).toBe("new");
    const out = await coordinator["call.log"]({ ...base, direction: "outbound", otherNumber: "2135550105", outcome: "voicemail", leadId: lead!.id });
    expect(out.lead?.status).toBe("contacting");
  });

  it("refuses an unknown lead or line", async () => {
    expect(await codeOf(coordinator["call.log"]({ ...base, otherNumber: "2135550106", leadId: 999999 }))).toBe("NOT_FOUND");
    expect(await codeOf(coordinator["call.log"]({ ...base, otherNumber: "2135550106", lineId: 999999 }))).toBe("NOT_FOUND");
  });

  it("rejects bad input field by field without echoing it, and stores nothing", async () => {
    const before = h.db.select().from(schema.call).all().length;
    const error = await errorOf(
      coordinator["call.log"]({
        ...base,
        otherNumber: "555-SECRET-99",
        durationSeconds: -3,
        // @ts-expect-error an outcome the API does not know
        outcome: "hung_up",
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toBeInstanceOf(ZodError);
    const issues = (error.cause as ZodError).issues;
    expect(issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["otherNumber", "durationSeconds", "outcome"]));
    expect(JSON.stringify(issues.map((i) => i.message))).not.toContain("SECRET");
    expect(h.db.select().from(schema.call).all()).toHaveLength(before);
  });

  it.each<Role>(["scheduler", "clinician", "manager", "admin"])("is refused to a %s", async (role) => {
    const caller = await h.as(role);
    expect(await codeOf(caller["call.log"]({ ...base, otherNumber: "2135550107" }))).toBe("FORBIDDEN");
  });

  it("is refused without a session", async () => {
    expect(await codeOf(h.anonymous().caller["call.log"]({ ...base, otherNumber: "2135550107" }))).toBe("UNAUTHORIZED");
  });
});

describe("call.list", () => {
  it("pages newest first and filters by outcome, lead and time in SQL", async () => {
    const { lead } = await coordinator["call.log"]({ ...base, otherNumber: "3105550110", startedAt: new Date("2026-11-20T10:00:00Z") });
    await coordinator["call.log"]({ ...base, otherNumber: "3105550110", outcome: "voicemail", startedAt: new Date("2026-11-21T10:00:00Z") });
    await coordinator["call.log"]({ ...base, otherNumber: "3105550110", outcome: "missed", durationSeconds: 0, startedAt: new Date("2026-11-22T10:00:00Z") });

    const byLead = await coordinator["call.list"]({ page: 1, perPage: 2, leadId: lead!.id });
    expect(byLead.total).toBe(3);
    expect(byLead.items.map((c) => c.outcome)).toEqual(["missed", "voicemail"]);
    const page2 = await coordinator["call.list"]({ page: 2, perPage: 2, leadId: lead!.id });
    expect(page2.items.map((c) => c.outcome)).toEqual(["connected"]);

    const voicemail = await coordinator["call.list"]({ page: 1, perPage: 50, outcome: "voicemail", leadId: lead!.id });
    expect(voicemail.items).toHaveLength(1);
    const window = await coordinator["call.list"]({
      page: 1,
      perPage: 50,
      leadId: lead!.id,
      from: new Date("2026-11-21T00:00:00Z"),
      to: new Date("2026-11-22T00:00:00Z"),
    });
    expect(window.items.map((c) => c.outcome)).toEqual(["voicemail"]);
  });

  it("managers may read; schedulers and clinicians may not", async () => {
    expect((await (await h.as("manager"))["call.list"]({ page: 1, perPage: 5 })).total).toBeGreaterThan(0);
    expect(await codeOf((await h.as("scheduler"))["call.list"]({ page: 1, perPage: 5 }))).toBe("FORBIDDEN");
    expect(await codeOf((await h.as("clinician"))["call.list"]({ page: 1, perPage: 5 }))).toBe("FORBIDDEN");
  });

  it("refuses more than 200 rows a page", async () => {
    expect(await codeOf(coordinator["call.list"]({ page: 1, perPage: 500 }))).toBe("BAD_REQUEST");
  });
});

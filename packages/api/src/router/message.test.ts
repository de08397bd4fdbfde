// Texts over the API on a real SQLite file: consent from the screening's answer and the caller's
// replies, who may read and send, the work queue's unread texts, templates and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { schema } from "@intake/db";
import { exampleEligibleAnswers, LISTED_LINE_E164 } from "@intake/domain";
import { recordInboundText, type OutboundText } from "../services/messaging.ts";
import { codeOf, createHarness, errorOf, type Harness } from "../testing/harness.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
/** The provider, stood in: every text handed to it, in order. */
const handed: OutboundText[] = [];
let sid = 0;

beforeAll(async () => {
  h = await createHarness();
  h.db.update(schema.line).set({ smsEnabled: true }).where(eq(schema.line.number, LISTED_LINE_E164)).run();
  h.texting.sender = {
    provider: "twilio",
    async send(text) {
      handed.push(text);
      return { providerMessageId: `SM${(++sid).toString(16).padStart(32, "0")}`, status: "queued" };
    },
  };
  coordinator = await h.as("coordinator");
});
afterAll(() => h.close());

let phoneSeq = 0;
async function leadWithCall(name: string) {
  const phone = `(213) 555-${String(1200 + ++phoneSeq)}`;
  const { lead } = await coordinator["call.log"]({
    direction: "inbound",
    otherNumber: phone,
    startedAt: h.clock.now,
    durationSeconds: 90,
    outcome: "connected",
    callerName: name,
  });
  return lead!;
}
let inboundSeq = 0;
const textFrom = (phone: string, body: string) =>
  recordInboundText(
    h.db,
    { provider: "twilio", providerMessageId: `SMin${String(++inboundSeq).padStart(30, "0")}`, lineNumber: LISTED_LINE_E164, otherNumber: phone, body },
    h.clock.now,
  );
const consentAudits = (leadId: number) =>
  h.db.$client.prepare("select actor_role from audit_entry where action = 'lead.textConsent' and record_id = ?").pluck().all(String(leadId));

describe("consent from the screening", () => {
  it("the screening's text answer grants consent (who, when, how kept and audited); a no takes it back", async () => {
    const lead = await leadWithCall("Sam Screened");
    const screen = await coordinator.screening.start({ leadId: lead.id });
    const answers = exampleEligibleAnswers();
    await coordinator.screening.save({ id: screen.id, answers: { ...answers, caller: { ...answers.caller, textOk: true } } });
    let thread = await coordinator.message.thread({ leadId: lead.id });
    expect(thread.consent.state).toBe("granted");
    expect(thread.consent.history).toEqual([
      expect.objectContaining({ state: "granted", source: "screening", byName: "Test coordinator", keyword: null, at: h.clock.now }),
    ]);
    expect(thread.sendProblem).toBeNull();
    expect(consentAudits(lead.id)).toEqual(["coordinator"]);
    // Saving the same answer again changes nothing and leaves no second entry.
    await coordinator.screening.save({ id: screen.id, answers: { ...answers, caller: { ...answers.caller, textOk: true } } });
    expect(consentAudits(lead.id)).toHaveLength(1);
    await coordinator.screening.save({ id: screen.id, answers: { ...answers, caller: { ...answers.caller, textOk: false } } });
    thread = await coordinator.message.thread({ leadId: lead.id });
    expect(thread.consent.state).toBe("revoked");
    expect((await errorOf(coordinator.message.send({ leadId: lead.id, body: "Hello" }))).code).toBe("PRECONDITION_FAILED");
  });

  it("never lifts the caller's own STOP: only their START does", async () => {
    const lead = await leadWithCall("Olive Optout");
    textFrom(lead.phone, "START");
    textFrom(lead.phone, "Alto");
    const screen = await coordinator.screening.start({ leadId: lead.id });
    const answers = exampleEligibleAnswers();
    await coordinator.screening.save({ id: screen.id, answers: { ...answers, caller: { ...answers.caller, textOk: true } } });
    expect((await coordinator.lead.byId({ id: lead.id })).textConsent).toBe("revoked");
    const refused = await errorOf(coordinator.message.send({ leadId: lead.id, body: "Hello" }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/opted out/);
  });
});

describe("texting on a line", () => {
  it("is an admin's to turn on or off (line.update), audited; while off, nothing goes out from it", async () => {
    const listed = h.db.select().from(schema.line).where(eq(schema.line.number, LISTED_LINE_E164)).get()!;
    expect(await codeOf(coordinator.line.update({ id: listed.id, smsEnabled: false }))).toBe("FORBIDDEN");
    const admin = await h.as("admin");
    expect(await admin.line.update({ id: listed.id, smsEnabled: false })).toMatchObject({ id: listed.id, smsEnabled: false });
    const lead = await leadWithCall("Lina Line");
    h.db.update(schema.lead).set({ textConsent: "granted" }).where(eq(schema.lead.id, lead.id)).run();
    const refused = await errorOf(coordinator.message.send({ leadId: lead.id, body: "Hello" }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/No clinic line is set up for texting/);
    expect(() => textFrom(lead.phone, "Hi")).toThrow(/Not a text to a clinic line that texts/);
    await admin.line.update({ id: listed.id, smsEnabled: true });
    expect((await coordinator.line.list()).find((l) => l.id === listed.id)?.smsEnabled).toBe(true);
    await coordinator.message.send({ leadId: lead.id, body: "Hello" });
    const audited = h.db.$client
      .prepare("select actor_role from audit_entry where action = 'line.update' and record_id = ? and outcome = 'ok'")
      .pluck()
      .all(String(listed.id));
    expect(audited).toEqual(["admin", "admin"]);
  });
});

describe("who may read and send", () => {
  it("a scheduler texts only leads handed to scheduling; managers read and never send", async () => {
    const lead = await leadWithCall("Hana Handed");
    h.clock.advanceSeconds(1);
    textFrom(lead.phone, "START");
    const scheduler = await h.as("scheduler");
    expect(await codeOf(scheduler.message.thread({ leadId: lead.id }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.message.send({ leadId: lead.id, body: "Hi" }))).toBe("FORBIDDEN");
    h.forceStatus(lead.id, "eligible");
    await coordinator.handoff.create({ leadId: lead.id, to: "scheduling", situation: "s", background: "b", recommendation: "r" });
    expect((await scheduler.message.thread({ leadId: lead.id })).items).toHaveLength(2);
    h.clock.advanceSeconds(1);
    const sent = await scheduler.message.send({ leadId: lead.id, body: "Your consult can be booked this week. Reply here." });
    expect(sent).toMatchObject({ direction: "outbound", status: "queued" });
    expect(handed.at(-1)).toEqual({ from: LISTED_LINE_E164, to: lead.phone, body: "Your consult can be booked this week. Reply here." });
    const manager = await h.as("manager");
    expect((await manager.message.thread({ leadId: lead.id })).items.map((i) => i.kind)).toEqual(["call", "text", "text"]);
    expect(await codeOf(manager.message.send({ leadId: lead.id, body: "Hi" }))).toBe("FORBIDDEN");
    // Every send is audited with the message's id.
    const entry = h.db.$client
      .prepare("select actor_role, record_type, record_id from audit_entry where action = 'message.send' and outcome = 'ok' order by seq desc limit 1")
      .get();
    expect(entry).toEqual({ actor_role: "scheduler", record_type: "message", record_id: String(sent.id) });
  });
});

describe("templates", () => {
  it("sends a template in the lead's language or the one asked for, never naming the treatment; a reminder needs a booked consult", async () => {
    const lead = await leadWithCall("Tomas Template");
    textFrom(lead.phone, "YES");
    await coordinator.message.sendTemplate({ leadId: lead.id, template: "follow_up" });
    expect(handed.at(-1)!.body).toMatch(/^Iris Clinic: we tried to reach you/);
    await coordinator.message.sendTemplate({ leadId: lead.id, template: "missed_call", language: "es" });
    expect(handed.at(-1)!.body).toMatch(/^Iris Clinic: lamentamos no haber contestado/);
    expect(handed.at(-1)!.body).not.toMatch(/TMS|dolor|pain/i);
    const refused = await errorOf(coordinator.message.sendTemplate({ leadId: lead.id, template: "consult_reminder" }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/no consult booked/);
    const templates = await coordinator.message.templates();
    expect(templates.map((t) => t.id)).toEqual(["follow_up", "missed_call", "consult_reminder"]);
  });
});

describe("the work queue's unread texts", () => {
  it("lists each lead with unread texts once, oldest first, until a coordinator opens the conversation", async () => {
    const first = await leadWithCall("Ulla Unread");
    const second = await leadWithCall("Vic Unread");
    textFrom(second.phone, "Are you open Saturday?");
    h.clock.advanceSeconds(30);
    textFrom(first.phone, "Hello?");
    h.clock.advanceSeconds(30);
    textFrom(second.phone, "Also, where do I park?");
    const unread = () => coordinator.workQueue.get().then((q) => q.items.filter((i) => i.kind === "unread_text"));
    const mine = (await unread()).filter((i) => i.leadId === first.id || i.leadId === second.id);
    expect(mine.map((i) => i.leadName)).toEqual(["Vic Unread", "Ulla Unread"]);
    // A manager reading the thread does not mark it read; a coordinator does.
    await (await h.as("manager")).message.thread({ leadId: second.id });
    expect((await unread()).some((i) => i.leadId === second.id)).toBe(true);
    await coordinator.message.thread({ leadId: second.id });
    expect((await unread()).some((i) => i.leadId === second.id)).toBe(false);
    expect((await unread()).some((i) => i.leadId === first.id)).toBe(true);
  });

  it("a text from an unknown number starts a new lead, shown as an unread text rather than twice", async () => {
    const outcome = textFrom("+13235550190", "Hi, do you take Medicare?");
    expect(outcome.leadCreated).toBe(true);
    const row = await coordinator.lead.byId({ id: outcome.leadId });
    expect(row).toMatchObject({ status: "new", source: "Text message", textConsent: "unknown" });
    const items = (await coordinator.workQueue.get()).items.filter((i) => i.leadId === outcome.leadId);
    expect(items.map((i) => i.kind)).toEqual(["unread_text"]);
  });
});

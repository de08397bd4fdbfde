// Duplicate leads: finding candidates and merging one lead into another, through the router on a real database.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "@intake/db";
import { exampleEligibleAnswers } from "@intake/domain";
import { screenedLead } from "../testing/flows.ts";
import { codeOf, createHarness, errorOf, type Harness } from "../testing/harness.ts";
import { leadReferences, MERGE_PLAN, unplannedReferences } from "../services/merge.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
let manager: Awaited<ReturnType<Harness["as"]>>;

beforeAll(async () => {
  h = await createHarness();
  coordinator = await h.as("coordinator");
  manager = await h.as("manager");
});
afterAll(() => h.close());

const ago = (minutes: number) => new Date(h.clock.now.getTime() - minutes * 60_000);

async function logged(phone: string, name: string) {
  const { lead } = await coordinator["call.log"]({
    direction: "inbound",
    otherNumber: phone,
    startedAt: ago(1),
    durationSeconds: 60,
    outcome: "missed",
    callerName: name,
  });
  return lead!.id;
}

/** Rows of `table` whose `column` names the lead, read straight from SQLite. */
const rowsOf = (table: string, column: string, leadId: number) =>
  h.db.$client.prepare(`select count(*) from "${table}" where "${column}" = ?`).pluck().get(leadId) as number;

describe("lead.duplicates", () => {
  it("finds the same phone, the same email and the same name with the same date of birth, with the reasons", async () => {
    const answers = exampleEligibleAnswers("Marta Quiñones");
    answers.caller.dateOfBirth = "1968-02-29";
    const first = await screenedLead(coordinator, ago(30), { phone: "(626) 555-0301", name: "Marta Quiñones", answers });
    // The same person calling from another number, her name typed in other case.
    const second = await screenedLead(coordinator, ago(20), { phone: "(626) 555-0302", name: "marta QUIñones", answers });
    // Someone else with the same name, born on another day: not a candidate.
    const other = exampleEligibleAnswers("Marta Quiñones");
    other.caller.dateOfBirth = "1990-05-01";
    const namesake = await screenedLead(coordinator, ago(10), { phone: "(626) 555-0303", name: "Marta Quiñones", answers: other });
    // The same phone again under a new lead (a second lead for one number), and the same email on a fourth.
    const samePhone = await logged("(626) 555-0304", "Pat Unrelated");
    h.forceStatus(samePhone, "closed");
    const again = await logged("(626) 555-0304", "M. Q.");
    expect(again).toBe(samePhone); // a call attaches to the lead with that number
    const emailTwin = await logged("(626) 555-0305", "Someone");
    await coordinator.lead.update({ id: first, email: "Marta.Q@example.com" });
    await coordinator.lead.update({ id: emailTwin, email: "marta.q@EXAMPLE.com" });

    const found = await coordinator.lead.duplicates({ leadId: first });
    const byId = new Map(found.map((c) => [c.id, c.reasons]));
    expect(byId.get(second)).toEqual(["name_and_birth_date"]);
    expect(byId.get(emailTwin)).toEqual(["email"]);
    expect(byId.has(namesake)).toBe(false);
    // Phones and emails leave as the lead's own fields only: no blind index in the answer.
    expect(JSON.stringify(found)).not.toMatch(/Index/);
  });

  it("finds the same phone number on another lead", async () => {
    const a = await logged("(626) 555-0311", "Lou Phone");
    // Two leads with one number happen when a closed lead's caller is entered again by hand.
    const b = await logged("(626) 555-0312", "Lou Phone Two");
    await coordinator.lead.update({ id: b, phone: "(626) 555-0311" });
    expect((await coordinator.lead.duplicates({ leadId: a })).map((c) => [c.id, c.reasons])).toEqual([[b, ["phone"]]]);
  });

  it("is refused to roles that do not read leads", async () => {
    expect(await codeOf((await h.as("scheduler")).lead.duplicates({ leadId: 1 }))).toBe("FORBIDDEN");
  });
});

describe("lead.merge", () => {
  it("has a rule for every table that references a lead, read from the database itself", () => {
    // Fails when a table with a foreign key to lead is added (texts, inquiries, …) and the merge
    // does not say what happens to its rows: add it to MERGE_PLAN in services/merge.ts.
    expect(unplannedReferences(h.db)).toEqual([]);
    expect(
      leadReferences(h.db)
        .map((r) => `${r.table}.${r.column}`)
        .sort(),
    ).toEqual(Object.keys(MERGE_PLAN).sort());
  });

  it("moves every related row to the survivor and closes the other as duplicate, pointing at it", async () => {
    const survivor = await logged("(626) 555-0321", "Nadia Survivor");
    const merged = await screenedLead(coordinator, ago(5), { phone: "(626) 555-0322", name: "Nadia S.", answers: exampleEligibleAnswers("Nadia S.") });
    const earlier = await logged("(626) 555-0323", "Nadia Earlier");
    await coordinator.lead.update({ id: merged, email: "nadia@example.com" });
    await coordinator.handoff.create({ leadId: merged, to: "scheduling", situation: "s", background: "b", recommendation: "r" });
    await coordinator.task.create({ leadId: merged, kind: "follow_up", dueAt: h.clock.now });
    const clinicianId = h.userId("clinician");
    const now = h.clock.now;
    const db = h.db;
    const consult = db
      .insert(schema.appointment)
      .values({ leadId: merged, kind: "consult", clinicianId, startsAt: now, endsAt: new Date(now.getTime() + 3_600_000), updatedAt: now })
      .returning()
      .get();
    db.insert(schema.clinicalNote).values({ leadId: merged, authorId: clinicianId, kind: "review", decision: "clear", note: "fine" }).run();
    db.insert(schema.checklistItem).values({ leadId: merged, item: "lab_tests", status: "done", updatedAt: now }).run();
    db.insert(schema.checklistItem).values({ leadId: merged, item: "physical_exam", status: "requested", updatedAt: now }).run();
    db.insert(schema.checklistItem).values({ leadId: survivor, item: "lab_tests", status: "requested", updatedAt: now }).run();
    db.insert(schema.treatmentCourse).values({ leadId: merged, plannedSessions: 30, startedAt: now, updatedAt: now }).run();
    db.insert(schema.fhirSend).values({ leadId: merged, at: now, ok: true, outcome: "sent" }).run();
    db.insert(schema.leadTouch).values({ leadId: merged, reference: "INQ-MERGETEST1", channel: "web", source: "website", at: now }).run();
    // The caller's texts, the history of their consent and their consult's reminder.
    const lineId = db.select({ id: schema.line.id }).from(schema.line).get()!.id;
    db.insert(schema.message)
      .values({
        leadId: merged,
        lineId,
        direction: "inbound",
        body: "Is Tuesday fine?",
        provider: "twilio",
        providerMessageId: "SMmerge1",
        status: "received",
        createdAt: now,
        updatedAt: now,
      })
      .run();
    db.insert(schema.textConsentEvent).values({ leadId: merged, state: "granted", source: "reply", keyword: "START", at: now }).run();
    db.insert(schema.textReminder).values({ appointmentId: consult.id, leadId: merged, hoursBefore: 2, dueAt: now, createdAt: now }).run();
    // A lead merged into `merged` before: after this merge it points at the survivor.
    db.update(schema.lead).set({ mergedIntoId: merged }).where(eq(schema.lead.id, earlier)).run();

    const refs = leadReferences(db);
    const before = new Map(
      refs.map((r) => [`${r.table}.${r.column}`, { merged: rowsOf(r.table, r.column, merged), survivor: rowsOf(r.table, r.column, survivor) }]),
    );
    // The fixture must give the merged lead rows in every related table, or this test proves nothing for that table.
    for (const [name, n] of before) expect(n.merged, `the merged lead needs a row in ${name} for this test`).toBeGreaterThan(0);

    const result = await coordinator.lead.merge({ survivorId: survivor, mergedId: merged, reason: "Same caller, two numbers" });
    expect(result.merged).toMatchObject({ status: "closed", closedReason: "duplicate", mergedIntoId: survivor });
    expect(result.survivor).toMatchObject({ email: "nadia@example.com", name: "Nadia Survivor", mergedIntoId: null });

    for (const r of refs) {
      const name = `${r.table}.${r.column}`;
      const had = before.get(name)!;
      const rule = MERGE_PLAN[name];
      const left = rowsOf(r.table, r.column, merged);
      const now = rowsOf(r.table, r.column, survivor);
      // The merged lead keeps only the event that closed it.
      if (rule === "move" && name !== "lead_event.lead_id") expect([name, left]).toEqual([name, 0]);
      // The merged lead itself now points at the survivor too.
      const itself = name === "lead.merged_into_id" ? 1 : 0;
      if (rule === "move") expect([name, now]).toEqual([name, had.survivor + had.merged + itself]);
      if (rule === "stay") expect([name, left]).toEqual([name, had.merged]);
    }
    // The survivor already had the lab tests: the merged lead's stays with it, the physical exam moves.
    expect(rowsOf("checklist_item", "lead_id", survivor)).toBe(2);
    expect(rowsOf("checklist_item", "lead_id", merged)).toBe(1);
    expect(rowsOf("treatment_course", "lead_id", survivor)).toBe(1);
    const closing = db.select().from(schema.leadEvent).where(eq(schema.leadEvent.leadId, merged)).all();
    expect(closing).toMatchObject([{ toStatus: "closed", reason: "Same caller, two numbers", detail: `merged into lead ${survivor}` }]);

    // Audited with both leads, so a search of the trail by either finds it.
    const entry = db.$client
      .prepare("select action, record_type as type, record_id as id, outcome from audit_entry where action = 'lead.merge' order by seq desc limit 1")
      .get();
    expect(entry).toEqual({ action: "lead.merge", type: "lead", id: `${survivor},${merged}`, outcome: "ok" });

    // Once merged, the lead is no longer anyone's duplicate candidate and cannot be merged again.
    expect((await coordinator.lead.duplicates({ leadId: survivor })).map((c) => c.id)).not.toContain(merged);
    const again = await errorOf(manager.lead.merge({ survivorId: survivor, mergedId: merged, reason: "again" }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/already been merged/);
    const intoMerged = await errorOf(coordinator.lead.merge({ survivorId: merged, mergedId: survivor, reason: "backwards" }));
    expect(intoMerged.code).toBe("CONFLICT");
  });

  it("refuses to run on a schema with a lead reference it has no rule for, and changes nothing", async () => {
    const a = await logged("(626) 555-0331", "Ole Alpha");
    const b = await logged("(626) 555-0332", "Ole Beta");
    h.db.$client.exec("create table text_message (id integer primary key, lead_id integer references lead(id))");
    try {
      const refused = await errorOf(coordinator.lead.merge({ survivorId: a, mergedId: b, reason: "same" }));
      expect(refused.code).toBe("CONFLICT");
      expect(refused.message).toMatch(/text_message\.lead_id/);
      expect((await coordinator.lead.byId({ id: b })).status).not.toBe("closed");
    } finally {
      h.db.$client.exec("drop table text_message");
    }
  });

  it("is for coordinators and managers, and refuses a lead merged into itself with a message on the field", async () => {
    expect(await codeOf((await h.as("scheduler")).lead.merge({ survivorId: 1, mergedId: 2, reason: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf((await h.as("admin")).lead.merge({ survivorId: 1, mergedId: 2, reason: "x" }))).toBe("FORBIDDEN");
    const same = await errorOf(coordinator.lead.merge({ survivorId: 3, mergedId: 3, reason: "x" }));
    expect(same.code).toBe("BAD_REQUEST");
    expect(same.message).toMatch(/two different leads/);
  });
});

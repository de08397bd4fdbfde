// Referring providers: the list the desk keeps, a lead's referral, and the report and scorecard per provider.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "@intake/db";
import { clinicDate, exampleEligibleAnswers } from "@intake/domain";
import { codeOf, createHarness, errorOf, type Harness } from "../testing/harness.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;

beforeAll(async () => {
  h = await createHarness();
  coordinator = await h.as("coordinator");
});
afterAll(() => h.close());

async function logged(phone: string, name: string) {
  const { lead } = await coordinator["call.log"]({
    direction: "inbound",
    otherNumber: phone,
    startedAt: new Date(h.clock.now.getTime() - 60_000),
    durationSeconds: 60,
    outcome: "connected",
    callerName: name,
  });
  return lead!.id;
}

describe("referrer.create / update / list / byId", () => {
  it("keeps a provider with a checked NPI, found by name, practice or whole NPI", async () => {
    const scheduler = await h.as("scheduler");
    const created = await scheduler.referrer.create({
      name: "Dr. Lena Ortiz",
      npi: "1234-567-893",
      practice: "Valley Pain Clinic",
      phone: "(818) 555-0170",
      fax: "818.555.0171",
      address: "1 Main St\nVan Nuys, CA",
    });
    expect(created).toMatchObject({ name: "Dr. Lena Ortiz", npi: "1234567893", phone: "+18185550170", fax: "+18185550171" });
    const updated = await coordinator.referrer.update({ id: created.id, practice: "Valley Pain Associates" });
    expect(updated.practice).toBe("Valley Pain Associates");
    expect(await coordinator.referrer.byId({ id: created.id })).toEqual(updated);
    const manager = await h.as("manager");
    for (const search of ["ortiz", "Associates", "1234567893"]) {
      expect((await manager.referrer.list({ search })).items.map((r) => r.id)).toEqual([created.id]);
    }
  });

  it("refuses an NPI whose check digit is wrong, on the field, without repeating it", async () => {
    const bad = await errorOf(coordinator.referrer.create({ name: "Dr. Typo", npi: "1234567890" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/check digit/);
    expect(bad.message).not.toContain("1234567890");
  });

  it("refuses a second provider with the same NPI", async () => {
    await coordinator.referrer.create({ name: "Dr. First", npi: "1245319599" });
    const twice = await errorOf(coordinator.referrer.create({ name: "Dr. Second", npi: "1245319599" }));
    expect(twice.code).toBe("CONFLICT");
  });

  it("is written by the desk and scheduling, read by managers and admins, not by clinicians", async () => {
    expect(await codeOf((await h.as("manager")).referrer.create({ name: "Dr. No" }))).toBe("FORBIDDEN");
    expect(await codeOf((await h.as("clinician")).referrer.list({}))).toBe("FORBIDDEN");
  });
});

describe("lead.update({ referrerId, mayUpdateReferrer })", () => {
  it("records who referred the lead and what the patient authorised", async () => {
    const doc = await coordinator.referrer.create({ name: "Dr. Ray Park" });
    const lead = await logged("(626) 555-0401", "Referred Rita");
    const updated = await coordinator.lead.update({ id: lead, referrerId: doc.id, mayUpdateReferrer: true });
    expect(updated).toMatchObject({ referrerId: doc.id, mayUpdateReferrer: true });
    expect((await coordinator.lead.update({ id: lead, referrerId: null })).referrerId).toBeNull();
    expect(await codeOf(coordinator.lead.update({ id: lead, referrerId: 999_999 }))).toBe("NOT_FOUND");
  });
});

describe("report.byReferrer and the funnel by referring provider", () => {
  it("groups a known cohort by provider with exact counts and the scorecard", async () => {
    const a = await coordinator.referrer.create({ name: "Dr. Amy Alder", practice: "Alder Spine" });
    const b = await coordinator.referrer.create({ name: "Dr. Ben Birch" });
    const day = clinicDate(h.clock.now);
    const ids: number[] = [];
    for (const [i, ref] of [a.id, a.id, a.id, b.id, null].entries()) {
      const id = await logged(`(626) 555-05${10 + i}`, `Cohort ${i}`);
      if (ref) await coordinator.lead.update({ id, referrerId: ref });
      ids.push(id);
    }
    // The first of Dr. Alder's patients starts treatment ten days after the referral; the second is screened eligible.
    const created = h.clock.now.getTime();
    const event = (leadId: number, toStatus: "eligible" | "consulted" | "in_treatment", days: number) =>
      h.db
        .insert(schema.leadEvent)
        .values({ leadId, fromStatus: null, toStatus, at: new Date(created + days * 86_400_000) })
        .run();
    event(ids[0]!, "eligible", 1);
    event(ids[0]!, "consulted", 5);
    event(ids[0]!, "in_treatment", 10);
    event(ids[1]!, "eligible", 2);

    const manager = await h.as("manager");
    const to = clinicDate(new Date(created + 86_400_000));
    const report = await manager.report.byReferrer({ from: day, to });
    expect(report.groups.map((g) => [g.name, g.funnel.stages[0]!.count])).toEqual([
      ["Dr. Amy Alder", 3],
      ["Dr. Ben Birch", 1],
      ["No referring provider", report.total.stages[0]!.count - 4],
    ]);
    expect(report.groups[0]!.practice).toBe("Alder Spine");
    expect(report.groups[0]!.scorecard).toEqual({ referrals: 3, screened: 2, eligible: 2, consulted: 1, inTreatment: 1, medianDaysToTreatment: 10 });

    const funnel = await manager.funnel.get({ from: day, to, referrerId: a.id });
    expect(funnel.stages.map((s) => s.count)).toEqual([3, 3, 2, 2, 1, 1, 1, 1]);
    const leads = await manager.funnel.leads({ from: day, to, referrerId: a.id, stage: "in_treatment", page: 1, perPage: 10 });
    expect(leads.items.map((l) => l.id)).toEqual([ids[0]]);

    // A referral changed afterwards moves the lead's rows with it (triggers, migration 0011).
    await coordinator.lead.update({ id: ids[1]!, referrerId: b.id });
    expect((await manager.funnel.get({ from: day, to, referrerId: b.id })).stages[0]!.count).toBe(2);
  });
});

describe("referrer.letter", () => {
  it("writes the acknowledgement once the consult is booked and the status letter once it happened, no more than the patient allowed, audited", async () => {
    const doc = await coordinator.referrer.create({ name: "Dr. Nora Letter", practice: "Letter Spine" });
    const { lead } = await coordinator["call.log"]({
      direction: "inbound",
      otherNumber: "(626) 555-0701",
      startedAt: h.clock.now,
      durationSeconds: 600,
      outcome: "connected",
      callerName: "Lena Referred",
    });
    const leadId = lead!.id;
    const started = await coordinator.screening.start({ leadId });
    await coordinator.screening.save({ id: started.id, answers: exampleEligibleAnswers("Lena Referred") });
    await coordinator.screening.complete({ id: started.id });
    await coordinator.lead.update({ id: leadId, referrerId: doc.id, mayUpdateReferrer: false });
    const scheduler = await h.as("scheduler");
    // Not handed to scheduling yet: not the scheduler's lead.
    expect(await codeOf(scheduler.referrer.letter({ leadId, kind: "acknowledgement" }))).toBe("FORBIDDEN");
    await coordinator.handoff.create({ leadId, to: "scheduling", situation: "s", background: "b", recommendation: "r" });
    expect((await scheduler.referrer.letter({ leadId, kind: "acknowledgement" })).letter).toMatchObject({
      ready: false,
      why: expect.stringMatching(/book the consult first/),
    });

    const startsAt = new Date(h.clock.now.getTime() + 2 * 3_600_000);
    const consult = await scheduler.appointment.book({ leadId, kind: "consult", startsAt, clinicianId: h.userId("clinician") });
    const quiet = await scheduler.referrer.letter({ leadId, kind: "acknowledgement" });
    expect(quiet.to).toMatchObject({ name: "Dr. Nora Letter", practice: "Letter Spine" });
    expect(quiet.letter.ready).toBe(true);
    const quietText = quiet.letter.ready ? quiet.letter.paragraphs.join(" ") : "";
    expect(quietText).toMatch(/received the referral/);
    expect(quietText).not.toMatch(/scheduled|consultation on/);
    expect((await scheduler.referrer.letter({ leadId, kind: "status" })).letter).toMatchObject({ ready: false, why: expect.stringMatching(/has not agreed/) });

    await coordinator.lead.update({ id: leadId, mayUpdateReferrer: true });
    const told = await scheduler.referrer.letter({ leadId, kind: "acknowledgement" });
    expect(told.letter.ready && told.letter.paragraphs.join(" ")).toMatch(/Lena Referred is scheduled for a consultation on/);
    expect((await scheduler.referrer.letter({ leadId, kind: "status" })).letter).toMatchObject({
      ready: false,
      why: expect.stringMatching(/record its outcome first/),
    });

    h.clock.advanceMinutes(180);
    await (await h.as("clinician")).appointment.recordOutcome({ id: consult.id, outcome: "attended" });
    const status = await (await h.as("scheduler")).referrer.letter({ leadId, kind: "status" });
    expect(status.letter.ready && status.letter.paragraphs.join(" ")).toMatch(/Lena Referred attended a consultation at our clinic/);

    // Each letter is a disclosure: an export of the lead in the audit trail.
    const entry = h.db.$client
      .prepare("select record_type as type, record_id as id, outcome from audit_entry where action = 'referrer.letter' order by seq desc limit 1")
      .get();
    expect(entry).toEqual({ type: "lead", id: String(leadId), outcome: "ok" });
  });
});

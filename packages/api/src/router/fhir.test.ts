import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_SCREENING_PROFILES, LEAD_STATUSES, type LeadStatus, type Role, type ScreeningAnswers } from "@intake/domain";
import { assertValidTransactionBundle, loadDefinitions, resourcesOf } from "@intake/domain/fhir/testing";
import type { Bundle } from "@medplum/fhirtypes";
import { startStandInEhr, type StandInEhr } from "../testing/ehr.ts";
import { screenedLead } from "../testing/flows.ts";
import { codeOf, createHarness, errorOf, type Harness } from "../testing/harness.ts";

type Caller = Awaited<ReturnType<Harness["as"]>>;
let h: Harness;
const as = {} as Record<Role, Caller>;
let phoneSeq = 200;

async function signInAll() {
  for (const role of ["coordinator", "scheduler", "clinician", "manager", "admin"] as const) as[role] = await h.as(role);
}

beforeAll(async () => {
  h = await createHarness();
  await signInAll();
  loadDefinitions();
}, 60_000);
afterAll(() => h.close());

const sbar = { situation: "Chronic low back pain, screened eligible", background: "Physical therapy helped partly", recommendation: "Book a consult" };
const CALL_NOTE = "Caller mentioned a private family matter";

function screened(profile: string, name: string) {
  const answers: ScreeningAnswers = EXAMPLE_SCREENING_PROFILES[profile]!(name);
  return screenedLead(as.coordinator, h.clock.now, { phone: `(707) 555-${String(phoneSeq++).padStart(4, "0")}`, name, answers, callNotes: CALL_NOTE });
}

/** 9 a.m. in the clinic (17:00 UTC), some days after the test clock's day. */
const clinicMorning = (daysOn: number) => new Date(Date.UTC(h.clock.now.getUTCFullYear(), h.clock.now.getUTCMonth(), h.clock.now.getUTCDate() + daysOn, 17));

/** Who may export a lead now (per row), by role. */
const EXPORTERS: readonly Role[] = ["scheduler", "clinician", "manager", "admin"];
const covered = new Set<LeadStatus>();

/** Exports the lead as every role that may, validates each bundle, and returns them by role. */
async function exportAll(leadId: number): Promise<Partial<Record<Role, Bundle>>> {
  const out: Partial<Record<Role, Bundle>> = {};
  for (const role of EXPORTERS) {
    try {
      out[role] = await as[role].fhir.bundle({ leadId });
    } catch (error) {
      if ((await codeOf(Promise.reject(error))) !== "FORBIDDEN") throw error;
      continue;
    }
    assertValidTransactionBundle(out[role]);
  }
  const status = (await as.manager.lead.byId({ id: leadId })).status;
  covered.add(status);
  return out;
}

describe("fhir.bundle: every bundle the flows produce is valid FHIR R4", () => {
  for (const [n, profile] of Object.keys(EXAMPLE_SCREENING_PROFILES).entries()) {
    it(`screening profile ${profile}, through handoff, booking, consult and treatment as far as it goes`, { timeout: 30_000 }, async () => {
      const leadId = await screened(profile, `Fhir ${profile}`);
      await exportAll(leadId);
      let status = (await as.manager.lead.byId({ id: leadId })).status;
      if (status === "needs_review") {
        // Urgent screens are already with the clinical pool; flagged ones are handed there now.
        if (!(await as.clinician.handoff.inbox()).unread.some((x) => x.leadId === leadId)) {
          await as.coordinator.handoff.create({ leadId, to: "clinical_pool", ...sbar });
        }
        await exportAll(leadId);
        await as.clinician.clinician.review({ leadId, decision: "clear", note: "Reviewed with the patient's cardiologist" });
        status = "eligible";
        await exportAll(leadId);
      }
      if (status !== "eligible") return;
      await as.coordinator.handoff.create({ leadId, to: "scheduling", ...sbar });
      const handedOff = await exportAll(leadId);
      expect(resourcesOf(handedOff.scheduler!, "Task")).toHaveLength(1);
      // 9 a.m. in the clinic, two days on; each profile on a day of its own.
      const startsAt = clinicMorning(2 + n);
      const appointment = await as.scheduler.appointment.book({ leadId, kind: "consult", startsAt, clinicianId: h.userId("clinician") });
      await exportAll(leadId);
      h.clock.now = new Date(startsAt.getTime() + 90 * 60_000);
      await signInAll();
      await as.scheduler.appointment.recordOutcome({ id: appointment.id, outcome: "attended" });
      await exportAll(leadId);
      // Starting the course needs the whole checklist; its own tests cover that, here only the status matters.
      h.forceStatus(leadId, "in_treatment");
      await exportAll(leadId);
    });
  }

  it("a lead before screening, and one escalated during a screen", async () => {
    const { lead } = await as.coordinator["call.log"]({
      direction: "inbound",
      otherNumber: "(707) 555-0999",
      startedAt: h.clock.now,
      durationSeconds: 0,
      outcome: "missed",
    });
    await exportAll(lead!.id);
    await as.coordinator["call.log"]({
      direction: "outbound",
      otherNumber: "(707) 555-0999",
      startedAt: h.clock.now,
      durationSeconds: 60,
      outcome: "connected",
      leadId: lead!.id,
    });
    await exportAll(lead!.id);
    const started = await as.coordinator.screening.start({ leadId: lead!.id });
    await as.coordinator.screening.save({ id: started.id, answers: { wellbeing: { safetyConcern: true } } });
    await as.coordinator.screening.escalate({ id: started.id });
    const bundles = await exportAll(lead!.id);
    // No completed screen yet: nothing of the answers goes out, even to a clinician.
    expect(resourcesOf(bundles.clinician!, "QuestionnaireResponse")).toEqual([]);
    expect(resourcesOf(bundles.clinician!, "Task")[0]?.priority).toBe("stat");
  });

  it("covered every lead status", () => {
    expect([...covered].sort()).toEqual([...LEAD_STATUSES].sort());
  });
});

describe("fhir.bundle: what each role's bundle holds", () => {
  let leadId: number;
  let bundles: Partial<Record<Role, Bundle>>;
  beforeAll(async () => {
    leadId = await screened("needsReview", "Role Scoped");
    expect(JSON.stringify(await as.manager.screening.byLead({ leadId }))).toContain("asthma");
    await as.coordinator.handoff.create({ leadId, to: "clinical_pool", ...sbar, assessment: "Pacemaker; bupropion: needs a clinician" });
    await as.clinician.clinician.review({ leadId, decision: "clear", note: "Cardiology cleared the pacemaker" });
    await as.coordinator.handoff.create({ leadId, to: "scheduling", ...sbar });
    await as.scheduler.appointment.book({ leadId, kind: "consult", startsAt: clinicMorning(3), clinicianId: h.userId("clinician") });
    bundles = await exportAll(leadId);
  });

  it("a scheduler's bundle never holds answers, clinical notes or call notes", () => {
    const text = JSON.stringify(bundles.scheduler);
    expect(resourcesOf(bundles.scheduler!, "QuestionnaireResponse")).toEqual([]);
    expect(resourcesOf(bundles.scheduler!, "Questionnaire")).toEqual([]);
    // The flags name what raised them (a scheduler reads those); the answers, the clinician's words and the call notes stay out.
    for (const secret of ["bupropion 150mg", "Pacemaker; bupropion", "Cardiology cleared", "asthma", "1971-03-14", CALL_NOTE])
      expect(text).not.toContain(secret);
    // Only the handoff addressed to scheduling; the clinical one is not theirs to read.
    expect(resourcesOf(bundles.scheduler!, "Task").map((t) => t.code?.coding?.[0]?.code)).toEqual(["scheduling"]);
    // What a scheduler does read: the result and flags, the appointment and the calls (without notes).
    expect(resourcesOf(bundles.scheduler!, "ServiceRequest")[0]?.note?.[0]?.text).toMatch(/^Screening result: /);
    expect(resourcesOf(bundles.scheduler!, "Appointment")).toHaveLength(1);
    expect(resourcesOf(bundles.scheduler!, "Communication")[0]?.payload).toBeUndefined();
  });

  it("a clinician's holds the answers, the birth date and the review note, not call notes", () => {
    const qr = resourcesOf(bundles.clinician!, "QuestionnaireResponse")[0];
    const meds = qr?.item?.flatMap((g) => g.item ?? []).find((i) => i.linkId === "safety.medications");
    expect(meds?.answer?.map((a) => a.valueString)).toEqual(["bupropion 150mg", "ibuprofen"]);
    expect(resourcesOf(bundles.clinician!, "Patient")[0]?.birthDate).toBe("1971-03-14");
    expect(JSON.stringify(resourcesOf(bundles.clinician!, "ServiceRequest"))).toContain("Cardiology cleared the pacemaker");
    expect(resourcesOf(bundles.clinician!, "Task").map((t) => t.code?.coding?.[0]?.code)).toEqual(["clinical_pool"]);
    expect(JSON.stringify(bundles.clinician)).not.toContain(CALL_NOTE);
  });

  it("a manager's holds everything, call notes included", () => {
    expect(resourcesOf(bundles.manager!, "Task")).toHaveLength(2);
    expect(resourcesOf(bundles.manager!, "Communication")[0]?.payload?.[0]?.contentString).toBe(CALL_NOTE);
    expect(resourcesOf(bundles.manager!, "Patient")[0]?.identifier?.[0]?.value).toBe(String(leadId));
  });

  it("is refused to coordinators, and to schedulers and clinicians for leads not handed to them", async () => {
    expect(await codeOf(as.coordinator.fhir.bundle({ leadId }))).toBe("FORBIDDEN");
    const notHanded = await screened("eligible", "Not Handed");
    expect(await codeOf(as.scheduler.fhir.bundle({ leadId: notHanded }))).toBe("FORBIDDEN");
    expect(await codeOf(as.clinician.fhir.bundle({ leadId: notHanded }))).toBe("FORBIDDEN");
    expect(await codeOf(as.manager.fhir.bundle({ leadId: 987_654 }))).toBe("NOT_FOUND");
  });

  it("audits every export, allowed or refused", async () => {
    const count = () =>
      h.db.$client.prepare("select count(*) from audit_entry where action = 'fhir.bundle' and record_id = ?").pluck().get(String(leadId)) as number;
    const before = count();
    await as.admin.fhir.bundle({ leadId });
    await codeOf(as.coordinator.fhir.bundle({ leadId }));
    expect(count()).toBe(before + 2);
    const last = h.db.$client.prepare("select actor_role, outcome, record_type from audit_entry where action = 'fhir.bundle' order by seq desc limit 2").all();
    expect(last).toEqual([
      { actor_role: "coordinator", outcome: "denied", record_type: "lead" },
      { actor_role: "admin", outcome: "ok", record_type: "lead" },
    ]);
  });
});

describe("fhir.send: Send to EHR", () => {
  let ehr: StandInEhr;
  let baseUrl: string;

  beforeAll(async () => {
    ehr = await startStandInEhr();
    baseUrl = ehr.url;
  });
  afterAll(async () => {
    h.fhir.baseUrl = null;
    await ehr.close();
  });

  async function handedOff(name: string) {
    const leadId = await screened("eligible", name);
    await as.coordinator.handoff.create({ leadId, to: "scheduling", ...sbar });
    return leadId;
  }

  it("says what to set when no EHR is configured", async () => {
    h.fhir.baseUrl = null;
    const leadId = await handedOff("No Ehr Yet");
    const error = await errorOf(as.scheduler.fhir.send({ leadId }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("FHIR_BASE_URL");
    expect(await as.scheduler.fhir.status({ leadId })).toEqual({ ehrConfigured: false, lastSend: null });
  });

  it("posts the sender's transaction bundle to FHIR_BASE_URL and records the EHR's answer on the lead", async () => {
    h.fhir.baseUrl = baseUrl;
    ehr.received.length = 0;
    ehr.answer = "accept";
    const leadId = await handedOff("Sent To Ehr");
    const sent = await as.scheduler.fhir.send({ leadId });
    expect(ehr.received).toHaveLength(1);
    expect(ehr.received[0]).toMatchObject({ path: "/fhir/R4", contentType: "application/fhir+json" });
    // A scheduler's send carries no answers either.
    expect(resourcesOf(ehr.received[0]!.bundle, "QuestionnaireResponse")).toEqual([]);
    expect(sent).toMatchObject({ ok: true, httpStatus: 200, location: "Patient/ehr-0/_history/1", at: h.clock.now });
    expect(sent.outcome).toMatch(/^HTTP 200: \d+ entries \(1 × 200 OK, \d+ × 201 Created\)$/);
    expect(await as.manager.fhir.status({ leadId })).toEqual({ ehrConfigured: true, lastSend: sent });

    ehr.received.length = 0;
    const byClinician = await screened("urgent", "Urgent Sent");
    await as.clinician.fhir.send({ leadId: byClinician });
    expect(resourcesOf(ehr.received[0]!.bundle, "QuestionnaireResponse")).toHaveLength(1);
  });

  it("records a refusal by its codes and element paths, never the EHR's free text", async () => {
    h.fhir.baseUrl = baseUrl;
    ehr.answer = "refuse";
    const leadId = await handedOff("Refused By Ehr");
    const sent = await as.scheduler.fhir.send({ leadId });
    expect(sent).toMatchObject({ ok: false, httpStatus: 422, location: null, outcome: "HTTP 422: error business-rule at Patient.birthDate" });
    const stored = JSON.stringify(h.db.$client.prepare("select * from fhir_send").all());
    expect(stored).not.toContain("Rosa");
    expect(stored).not.toContain("duplicate");
  });

  it("records an EHR that cannot be reached", async () => {
    h.fhir.baseUrl = "http://127.0.0.1:9/fhir";
    const leadId = await handedOff("Unreachable Ehr");
    const sent = await as.scheduler.fhir.send({ leadId });
    expect(sent).toMatchObject({ ok: false, httpStatus: null, location: null });
    expect(sent.outcome).toContain("Could not reach the EHR");
    expect((await as.scheduler.fhir.status({ leadId })).lastSend).toEqual(sent);
  });

  it("is for schedulers and clinicians with the lead, audited as an export", async () => {
    h.fhir.baseUrl = baseUrl;
    ehr.answer = "accept";
    const leadId = await handedOff("Send Access");
    expect(await codeOf(as.manager.fhir.send({ leadId }))).toBe("FORBIDDEN");
    expect(await codeOf(as.coordinator.fhir.send({ leadId }))).toBe("FORBIDDEN");
    expect(await codeOf(as.clinician.fhir.send({ leadId }))).toBe("FORBIDDEN");
    ehr.received.length = 0;
    await as.scheduler.fhir.send({ leadId });
    expect(ehr.received).toHaveLength(1);
    const entry = h.db.$client.prepare("select action, record_type, record_id, outcome from audit_entry order by seq desc limit 1").get();
    expect(entry).toEqual({ action: "fhir.send", record_type: "lead", record_id: String(leadId), outcome: "ok" });
  });
});

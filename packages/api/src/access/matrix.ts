// The expected authorization table: who may call each procedure. Tests hold the router to it, and
// a procedure missing here fails them, so a new one cannot be left out.
import type { Role } from "@intake/domain";

export type Who = "anyone" | "signed_in" | readonly Role[];

export interface Expectation {
  who: Who;
  /**
   * Roles refused per row when the record is not theirs (the samples name records that are no one's:
   * to these roles an unknown id is refused like a record that is not theirs).
   */
  perRow?: readonly Role[];
  /** A well-formed input naming records that do not exist. */
  sample: unknown;
  /** Refusals that are the procedure's own answer to the sample, not an access decision. */
  answers?: readonly string[];
}

const READERS = ["manager", "admin"] as const;
const NONE = 999_999;
const at = new Date("2030-01-07T17:00:00Z");
const call = { direction: "inbound", otherNumber: "(213) 555-0199", startedAt: at, durationSeconds: 60, outcome: "connected" };
const sbar = { situation: "s", background: "b", recommendation: "r" };

export const ACCESS_MATRIX: Record<string, Expectation> = {
  "auth.signIn": { who: "anyone", sample: { email: "nobody@iris.test", password: "not-the-password" }, answers: ["UNAUTHORIZED", "TOO_MANY_REQUESTS"] },
  "auth.signOut": { who: "anyone", sample: undefined },
  "auth.me": { who: "signed_in", sample: undefined },
  "audit.list": { who: READERS, sample: { page: 1, perPage: 5 } },
  "audit.export": { who: READERS, sample: {} },
  "call.log": { who: ["coordinator"], sample: { ...call, leadId: NONE } },
  "call.list": { who: ["coordinator", ...READERS], sample: { page: 1, perPage: 5 } },
  "call.live": { who: ["coordinator"], sample: undefined },
  "call.complete": { who: ["coordinator"], sample: { id: NONE, notes: "n" } },
  "call.onLive": { who: ["coordinator"], sample: undefined },
  "lead.list": { who: ["coordinator", ...READERS], sample: { page: 1, perPage: 5 } },
  "lead.byId": { who: ["coordinator", ...READERS], sample: { id: NONE } },
  "lead.update": { who: ["coordinator"], sample: { id: NONE, name: "X" } },
  "lead.duplicates": { who: ["coordinator", ...READERS], sample: { leadId: NONE } },
  "lead.merge": { who: ["coordinator", "manager"], sample: { survivorId: NONE, mergedId: NONE - 1, reason: "same caller twice" } },
  "referrer.create": { who: ["coordinator", "scheduler"], sample: { name: "Dr. Lena Ortiz", npi: "1234567893" }, answers: ["CONFLICT"] },
  "referrer.update": { who: ["coordinator", "scheduler"], sample: { id: NONE, practice: "Valley Pain Clinic" } },
  "referrer.list": { who: ["coordinator", "scheduler", ...READERS], sample: { search: "Ortiz" } },
  "referrer.letter": { who: ["scheduler", ...READERS], perRow: ["scheduler"], sample: { leadId: NONE, kind: "acknowledgement" } },
  "referrer.byId": { who: ["coordinator", "scheduler", ...READERS], sample: { id: NONE } },
  "lead.transition": { who: ["coordinator", "clinician"], perRow: ["clinician"], sample: { id: NONE, to: "contacting" } },
  "line.list": { who: "signed_in", sample: undefined },
  "line.create": { who: ["admin"], sample: { number: "(818) 555-0150", label: "Radio ad line", source: "Radio" } },
  "line.update": { who: ["admin"], sample: { id: NONE, smsEnabled: true } },
  "screening.start": { who: ["coordinator"], sample: { leadId: NONE } },
  "screening.save": { who: ["coordinator"], sample: { id: NONE, answers: {} } },
  "screening.complete": { who: ["coordinator"], sample: { id: NONE } },
  "screening.escalate": { who: ["coordinator"], sample: { id: NONE } },
  "screening.form": { who: ["coordinator", "clinician", ...READERS], sample: { language: "es" } },
  "screening.byLead": { who: ["coordinator", "clinician", ...READERS], perRow: ["clinician"], sample: { leadId: NONE } },
  "handoff.create": { who: ["coordinator"], sample: { leadId: NONE, to: "scheduling", ...sbar } },
  "handoff.inbox": { who: ["scheduler", "clinician", ...READERS], sample: undefined },
  "handoff.byId": { who: ["scheduler", "clinician", ...READERS], perRow: ["scheduler", "clinician"], sample: { id: NONE } },
  "handoff.acknowledge": { who: ["scheduler", "clinician"], perRow: ["scheduler", "clinician"], sample: { id: NONE } },
  "handoff.clinicians": { who: ["coordinator"], sample: undefined },
  "handoff.onInbox": { who: ["scheduler", "clinician", ...READERS], sample: undefined },
  "handoff.clinicalCoverage": { who: ["coordinator", "scheduler", ...READERS], sample: undefined },
  "handoff.escalations": { who: ["coordinator", ...READERS], sample: undefined },
  "clinician.review": { who: ["clinician"], perRow: ["clinician"], sample: { leadId: NONE, decision: "clear", note: "fine to go" } },
  "clinician.notes": { who: ["coordinator", "clinician", ...READERS], perRow: ["clinician"], sample: { id: NONE } },
  "scheduling.queue": { who: ["scheduler", ...READERS], sample: {} },
  "scheduling.lead": { who: ["scheduler", "clinician", ...READERS], perRow: ["scheduler", "clinician"], sample: { leadId: NONE } },
  "appointment.book": { who: ["scheduler"], perRow: ["scheduler"], sample: { leadId: NONE, kind: "consult", startsAt: at, clinicianId: NONE } },
  "appointment.reschedule": { who: ["scheduler"], perRow: ["scheduler"], sample: { id: NONE, startsAt: at, reason: "patient asked" } },
  "appointment.cancel": { who: ["scheduler"], perRow: ["scheduler"], sample: { id: NONE, reason: "patient asked" } },
  "appointment.recordOutcome": { who: ["scheduler", "clinician"], perRow: ["scheduler", "clinician"], sample: { id: NONE, outcome: "attended" } },
  "appointment.busy": { who: ["scheduler", "clinician", ...READERS], sample: { clinicianId: NONE, from: at, to: new Date(at.getTime() + 86_400_000) } },
  "appointment.byLead": { who: ["scheduler", "clinician", ...READERS], perRow: ["scheduler", "clinician"], sample: { leadId: NONE } },
  "appointment.list": { who: ["scheduler", "clinician", ...READERS], sample: { from: at, to: new Date(at.getTime() + 86_400_000), page: 1, perPage: 5 } },
  "appointment.ics": { who: ["scheduler", "clinician", ...READERS], perRow: ["scheduler", "clinician"], sample: { id: NONE } },
  "appointment.clinicians": { who: ["scheduler", "clinician", ...READERS], sample: undefined },
  "checklist.byLead": { who: ["scheduler", "clinician", ...READERS], perRow: ["scheduler", "clinician"], sample: { leadId: NONE } },
  "checklist.update": { who: ["scheduler"], perRow: ["scheduler"], sample: { leadId: NONE, item: "lab_tests", status: "requested", on: "2026-11-20" } },
  "checklist.waive": { who: ["clinician"], perRow: ["clinician"], sample: { leadId: NONE, item: "lab_tests", note: "done elsewhere" } },
  "course.start": { who: ["scheduler"], perRow: ["scheduler"], sample: { leadId: NONE } },
  "course.recordSession": { who: ["scheduler"], perRow: ["scheduler"], sample: { leadId: NONE } },
  "course.byLead": { who: ["scheduler", "clinician", ...READERS], perRow: ["scheduler", "clinician"], sample: { leadId: NONE } },
  "task.create": { who: ["coordinator"], sample: { leadId: NONE, kind: "callback", dueAt: at } },
  "task.complete": { who: ["coordinator"], sample: { id: NONE } },
  "task.list": { who: ["coordinator", ...READERS], sample: {} },
  "funnel.get": { who: READERS, sample: { from: "2026-01-01", to: "2027-01-01" } },
  "funnel.leads": { who: READERS, sample: { from: "2026-01-01", to: "2027-01-01", stage: "scheduled", page: 1, perPage: 5 } },
  "report.byCoordinator": { who: READERS, sample: { from: "2026-01-01", to: "2027-01-01" } },
  "report.bySource": { who: READERS, sample: { from: "2026-01-01", to: "2027-01-01" } },
  "report.byLine": { who: READERS, sample: { from: "2026-01-01", to: "2027-01-01" } },
  "report.byReferrer": { who: READERS, sample: { from: "2026-01-01", to: "2027-01-01" } },
  "report.byLanguage": { who: READERS, sample: { from: "2026-01-01", to: "2027-01-01", language: "es" } },
  "report.byChannel": { who: READERS, sample: { from: "2026-01-01", to: "2027-01-01", channel: "web" } },
  "report.byCampaign": { who: READERS, sample: { from: "2026-01-01", to: "2027-01-01", campaign: "spring" } },
  "workQueue.get": { who: ["coordinator"], sample: undefined },
  "workQueue.onChange": { who: ["coordinator"], sample: undefined },
  "fhir.bundle": { who: ["scheduler", "clinician", ...READERS], perRow: ["scheduler", "clinician"], sample: { leadId: NONE } },
  "fhir.status": { who: ["scheduler", "clinician", ...READERS], perRow: ["scheduler", "clinician"], sample: { leadId: NONE } },
  "faq.list": { who: "signed_in", sample: { language: "es" } },
  "faq.update": { who: ["admin"], sample: { id: "how-long", language: "en", question: "How long?", answer: "About 30 sessions." } },
  "faq.approve": { who: ["clinician"], sample: { id: "benefits" } },
  "faq.history": { who: ["clinician", "admin"], sample: { id: "how-long" } },
  "fhir.send": { who: ["scheduler", "clinician"], perRow: ["scheduler", "clinician"], sample: { leadId: NONE } },
  "message.thread": { who: ["coordinator", "scheduler", ...READERS], perRow: ["scheduler"], sample: { leadId: NONE } },
  "message.send": { who: ["coordinator", "scheduler"], perRow: ["scheduler"], sample: { leadId: NONE, body: "Please call us back." } },
  "message.sendTemplate": { who: ["coordinator", "scheduler"], perRow: ["scheduler"], sample: { leadId: NONE, template: "follow_up" } },
  "message.templates": { who: ["coordinator", "scheduler", ...READERS], sample: undefined },
  "message.onInbox": { who: ["coordinator", "scheduler", ...READERS], sample: undefined },
};

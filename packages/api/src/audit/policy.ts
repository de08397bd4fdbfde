// What each procedure leaves in the audit trail. Every procedure of the router must be listed here
// (a test enforces it), so a new one cannot be forgotten. Every audited one also needs words for the
// audit report in packages/domain/src/audit/labels.ts (policy.test.ts enforces that).

import { FaqId, Id } from "@intake/domain";

export type AuditKind = "read" | "write" | "export" | "auth";

export interface AuditSpec {
  kind: AuditKind;
  /** The type of record the procedure reads or writes. */
  record: string;
  /** Which record(s): ids only, never their contents. */
  id: (input: unknown, output: unknown) => string | null;
}

const field = (value: unknown, name: string): unknown =>
  value && typeof value === "object" && name in value ? (value as Record<string, unknown>)[name] : undefined;
/**
 * A record id as the schemas accept one (a positive whole number), else none. The audit step runs
 * before validation and sign-in, so an input id is whatever was sent: anything else is not recorded.
 */
const asId = (v: unknown): string | null => (Id.safeParse(v).success ? String(v) : null);

/** A clinic answer's id (a word id such as `how-long`), when it is one of ours. */
const faqId = (input: unknown) => {
  const id = field(input, "id");
  return FaqId.safeParse(id).success ? String(id) : null;
};
const inputId =
  (name = "id") =>
  (input: unknown) =>
    asId(field(input, name));
const outputId =
  (name = "id") =>
  (_: unknown, output: unknown) =>
    asId(field(output, name));
const inputOrOutput =
  (inName: string, outName = "id") =>
  (input: unknown, output: unknown) =>
    asId(field(input, inName)) ?? asId(field(output, outName));
/** A list read records every id it returned. */
const listIds =
  (key = "id", listName = "items") =>
  (_: unknown, output: unknown) => {
    const list = Array.isArray(output) ? output : field(output, listName);
    if (!Array.isArray(list)) return null;
    return (
      list
        .map((row) => asId(field(row, key)))
        .filter((x): x is string => x !== null)
        .join(",") || null
    );
  };
/**
 * A list read whose rows belong to leads (calls, appointments, handoffs) records each lead once as
 * `lead:<id>` and then every id it returned, so a search by lead (audit.list recordType lead,
 * recordId) finds the read too: `lead:7,12,15`. The leads come first: a long list is cut at the
 * stored field's bound (log.ts), and the leads are what a per-patient search looks for.
 */
const listIdsWithLeads =
  (...listNames: string[]) =>
  (_: unknown, output: unknown) => {
    const rows = listNames.flatMap((name) => {
      const list = field(output, name);
      return Array.isArray(list) ? (list as unknown[]) : [];
    });
    const ids = rows.map((row) => asId(field(row, "id")));
    const leads = new Set(rows.map((row) => asId(field(row, "leadId"))));
    return [...[...leads].map((id) => (id === null ? null : `lead:${id}`)), ...ids].filter((x): x is string => x !== null).join(",") || null;
  };

/** Several ids of the input, in order (both leads of a merge), so a search by either finds the entry. */
const inputIds =
  (...names: string[]) =>
  (input: unknown) =>
    names
      .map((n) => asId(field(input, n)))
      .filter((x): x is string => x !== null)
      .join(",") || null;
/** The lead asked about, then every lead the answer named (its duplicate candidates). */
const inputAndListIds = (name: string) => (input: unknown, output: unknown) =>
  [asId(field(input, name)), ...(listIds()(input, output)?.split(",") ?? [])].filter((x): x is string => x !== null).join(",") || null;

const read = (record: string, id: AuditSpec["id"]): AuditSpec => ({ kind: "read", record, id });
const write = (record: string, id: AuditSpec["id"]): AuditSpec => ({ kind: "write", record, id });

/** What the server writes to the trail by itself, with no person acting and no procedure behind it. */
export const SERVER_ACTIONS = {
  /** An urgent handoff nobody acknowledged within URGENT_ACK_MINUTES was escalated (services/alerts.ts). */
  escalate: "handoff.escalate",
  /** The website's form recorded an inquiry on a lead (POST /api/inquiries); the actor's role is "website". */
  inquiry: "inquiry.receive",
  /** A caller's text arrived through the provider's webhook (services/messaging.ts). */
  textReceived: "message.receive",
  /** The app texted by itself: an answer to HELP, a consult reminder, a missed-call text-back. */
  textSent: "message.autoSend",
  /** A caller's STOP or START changed their text consent. */
  textConsent: "lead.textConsent",
  /** A status report from the provider changed a text's delivery state. */
  textStatus: "message.status",
  /** The on-call clinician was texted that an urgent handoff is waiting (services/alerts.ts). */
  onCallText: "handoff.onCallText",
  /** A caller confirmed a consult by replying C to its reminder. */
  confirmByText: "appointment.confirmByText",
} as const;

/** The actor role of entries the website's form leaves: no person, no session. */
export const WEBSITE_ACTOR = "website";

/** null: the procedure touches no patient data (who am I, the list of lines, a live stream of ids). */
export const AUDIT_POLICY: Record<string, AuditSpec | null> = {
  "auth.signIn": { kind: "auth", record: "user", id: outputId() },
  "auth.signOut": { kind: "auth", record: "user", id: () => null },
  "auth.me": null,
  "call.log": write("call", (_, out) => asId(field(field(out, "call"), "id"))),
  "call.list": read("call", listIdsWithLeads("items")),
  "call.live": read("call", listIds()),
  "call.complete": write("call", inputId()),
  "call.onLive": null,
  "lead.list": read("lead", listIds()),
  "lead.byId": read("lead", inputId()),
  "lead.update": write("lead", inputId()),
  "lead.transition": write("lead", inputId()),
  "lead.duplicates": read("lead", inputAndListIds("leadId")),
  "lead.merge": write("lead", inputIds("survivorId", "mergedId")),
  // A referring provider's office details are not patient data, but the list is the clinic's: changes are recorded.
  "referrer.create": write("referrer", outputId()),
  "referrer.update": write("referrer", inputId()),
  "referrer.list": null,
  "referrer.byId": null,
  "referrer.letter": { kind: "export", record: "lead", id: inputId("leadId") },
  "line.list": null,
  "line.create": { kind: "write", record: "line", id: outputId() },
  "line.update": { kind: "write", record: "line", id: inputId() },
  "screening.start": write("screening", outputId()),
  "screening.save": write("screening", inputId()),
  "screening.complete": write("screening", inputId()),
  "screening.escalate": write("screening", inputId()),
  // The form itself: no patient data.
  "screening.form": null,
  "screening.byLead": read("lead", inputOrOutput("leadId")),
  "handoff.create": write("handoff", outputId()),
  "handoff.inbox": read("handoff", listIdsWithLeads("unread", "read")),
  "handoff.byId": read("handoff", inputId()),
  "handoff.acknowledge": write("handoff", inputId()),
  "handoff.clinicians": null,
  "handoff.onInbox": null,
  // A count of clinicians online and a time: no patient data.
  "handoff.clinicalCoverage": null,
  "handoff.escalations": read("handoff", listIds("handoffId")),
  "clinician.review": write("lead", inputId("leadId")),
  "clinician.notes": read("clinical_note", inputId()),
  "scheduling.queue": read("lead", listIds("leadId")),
  "scheduling.lead": read("lead", inputId("leadId")),
  "appointment.book": write("appointment", outputId()),
  "appointment.reschedule": write("appointment", inputId()),
  "appointment.cancel": write("appointment", inputId()),
  "appointment.recordOutcome": write("appointment", inputId()),
  "appointment.busy": null,
  "appointment.byLead": read("appointment", listIds()),
  "appointment.list": read("appointment", listIdsWithLeads("items")),
  "appointment.ics": { kind: "export", record: "appointment", id: inputId() },
  "appointment.clinicians": null,
  "checklist.byLead": read("checklist", inputId("leadId")),
  "checklist.update": write("checklist", inputId("leadId")),
  "checklist.waive": write("checklist", inputId("leadId")),
  "course.start": write("course", inputId("leadId")),
  "course.recordSession": write("course", inputId("leadId")),
  "course.byLead": read("course", inputId("leadId")),
  "task.create": write("task", outputId()),
  "task.complete": write("task", inputId()),
  "task.list": read("task", listIds()),
  "workQueue.get": read("lead", listIds("leadId")),
  "workQueue.onChange": null,
  "funnel.get": read("funnel", () => null),
  "funnel.leads": read("lead", listIds()),
  "report.byCoordinator": read("funnel", () => null),
  "report.bySource": read("funnel", () => null),
  "report.byLine": read("funnel", () => null),
  "report.byLanguage": read("funnel", () => null),
  "report.byReferrer": read("funnel", () => null),
  "report.byChannel": read("funnel", () => null),
  "report.byCampaign": read("funnel", () => null),
  "audit.list": read("audit", () => null),
  "audit.export": { kind: "export", record: "audit", id: () => null },
  "fhir.bundle": { kind: "export", record: "lead", id: inputId("leadId") },
  "fhir.send": { kind: "export", record: "lead", id: inputId("leadId") },
  "fhir.status": read("lead", inputId("leadId")),
  // The clinic's answers hold no patient data; changing what the desk tells callers is recorded.
  "faq.list": null,
  "faq.update": write("faq", faqId),
  "faq.approve": write("faq", faqId),
  "faq.history": read("faq", faqId),
  "message.thread": read("lead", inputId("leadId")),
  "message.send": write("message", outputId()),
  "message.sendTemplate": write("message", outputId()),
  // The clinic's templates: no patient data.
  "message.templates": null,
  "message.onInbox": null,
};

/** Procedures whose policy is looked up but missing fall back to this, so nothing goes unrecorded. */
export const UNLISTED: AuditSpec = { kind: "read", record: "unknown", id: () => null };

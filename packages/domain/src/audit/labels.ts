// The audit trail in a manager's words. Entries keep the procedure name and record type as stored (the
// filter and the CSV use them); these tables only say them plainly. A test in packages/api checks every
// audited procedure and record type of its audit policy has words here, so a new one cannot go unnamed.

/** What each audited action did, by the name stored in the entry. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  "auth.signIn": "Signed in",
  "auth.signOut": "Signed out",
  "call.log": "Logged a call",
  "call.list": "Listed calls",
  "call.live": "Viewed live calls",
  "call.complete": "Completed a call",
  "lead.list": "Listed leads",
  "lead.byId": "Opened a lead",
  "lead.update": "Changed a lead",
  "lead.transition": "Moved a lead to another stage",
  "lead.duplicates": "Looked for a lead's duplicates",
  "lead.merge": "Merged a duplicate lead into another",
  "referrer.create": "Added a referring provider",
  "referrer.update": "Changed a referring provider",
  "referrer.letter": "Wrote a letter to a referring provider",
  "line.create": "Added a phone line",
  "line.update": "Turned texting on or off for a phone line",
  "screening.start": "Started a screening",
  "screening.save": "Saved a screening",
  "screening.complete": "Completed a screening",
  "screening.escalate": "Escalated a screening",
  "screening.byLead": "Opened a lead's screening",
  "handoff.create": "Sent a handoff",
  "handoff.inbox": "Viewed the handoff inbox",
  "handoff.byId": "Opened a handoff",
  "handoff.acknowledge": "Acknowledged a handoff",
  "handoff.escalations": "Viewed urgent handoffs nobody acknowledged",
  // Written by the server itself, not by a person: an urgent handoff waited too long.
  "handoff.escalate": "Escalated an urgent handoff nobody acknowledged in time",
  "clinician.review": "Recorded a clinician review",
  "clinician.notes": "Read clinical notes",
  "scheduling.queue": "Viewed the scheduling queue",
  "scheduling.lead": "Opened a lead for scheduling",
  "appointment.book": "Booked an appointment",
  "appointment.reschedule": "Rescheduled an appointment",
  "appointment.cancel": "Cancelled an appointment",
  "appointment.recordOutcome": "Recorded an appointment's outcome",
  "appointment.byLead": "Listed a lead's appointments",
  "appointment.list": "Listed appointments",
  "appointment.ics": "Downloaded an appointment for a calendar",
  "checklist.byLead": "Opened a lead's checklist",
  "checklist.update": "Changed a checklist",
  "checklist.waive": "Waived a checklist item",
  "course.start": "Started a treatment course",
  "course.recordSession": "Recorded a treatment session",
  "course.byLead": "Opened a lead's treatment course",
  "task.create": "Created a task",
  "task.complete": "Completed a task",
  "task.list": "Listed tasks",
  "workQueue.get": "Viewed the work queue",
  "funnel.get": "Viewed the funnel",
  "funnel.leads": "Listed the leads of a funnel stage",
  "report.byCoordinator": "Viewed the report by coordinator",
  "report.bySource": "Viewed the report by source",
  "report.byLine": "Viewed the report by phone line",
  "report.byLanguage": "Viewed the report by the callers' language",
  "report.byReferrer": "Viewed the report by referring provider",
  "report.byChannel": "Viewed the report by channel",
  "report.byCampaign": "Viewed the report by campaign",
  "audit.list": "Viewed the audit trail",
  "audit.export": "Exported the audit trail",
  "fhir.bundle": "Exported a lead for an EHR (FHIR)",
  "fhir.send": "Sent a lead to the EHR",
  "fhir.status": "Checked a lead's sends to the EHR",
  "faq.update": "Edited a clinic answer",
  "faq.approve": "Approved a clinic answer",
  "faq.history": "Viewed a clinic answer's history",
  // Written by the server for the website's form (POST /api/inquiries); the actor is "website".
  "inquiry.receive": "Received an inquiry from the website",
  "message.thread": "Opened a lead's texts",
  "message.send": "Sent a text",
  "message.sendTemplate": "Sent a text from a template",
  // Written by the server itself when the provider reports or the app texts on its own.
  "message.receive": "Received a caller's text",
  "message.autoSend": "Sent an automatic text",
  "message.status": "Recorded a text's delivery",
  "lead.textConsent": "Recorded a change of a caller's text consent",
  "appointment.confirmByText": "Caller confirmed a consult by text",
  "handoff.onCallText": "Texted the on-call clinician about an urgent handoff",
  // Written by the command line (apps/server/src/cli.ts), not by a procedure.
  "user.create": "Added a user (command line)",
  "user.totp": "Set up a user's authenticator (command line)",
};

/** What kind of record an entry names, by the record type stored in it. */
export const AUDIT_RECORD_LABELS: Readonly<Record<string, string>> = {
  lead: "Lead",
  call: "Call",
  screening: "Screening",
  handoff: "Handoff",
  clinical_note: "Clinical note",
  appointment: "Appointment",
  checklist: "Checklist",
  course: "Treatment course",
  task: "Task",
  message: "Text message",
  line: "Phone line",
  user: "Staff account",
  funnel: "Intake reports",
  audit: "Audit trail",
  faq: "Clinic answer",
  referrer: "Referring provider",
  // The server's fallback for a request its audit policy does not list; it should never be seen.
  unknown: "Unrecognised request",
};

/** An entry's action in words; a name these tables do not know (an older entry) shows as stored. Own keys
 * only, so a stored name like "constructor" is not read off the object's prototype. */
export function auditActionText(action: string): string {
  return (Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action] : undefined) ?? action;
}

export function auditRecordText(type: string): string {
  return (Object.hasOwn(AUDIT_RECORD_LABELS, type) ? AUDIT_RECORD_LABELS[type] : undefined) ?? type;
}

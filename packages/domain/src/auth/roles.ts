// The people who use the intake desk and what each may do (docs/domain.md, "People").

export const ROLES = ["coordinator", "scheduler", "clinician", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  coordinator: "Intake coordinator",
  scheduler: "Scheduler",
  clinician: "Clinician",
  manager: "Manager",
  admin: "Administrator",
};

/**
 * Capabilities the server checks per procedure; the dashboard reads the same table to hide what a
 * role cannot use (hiding is never the protection).
 */
export const CAPABILITIES = {
  "call.log": ["coordinator"],
  "call.read": ["coordinator", "manager", "admin"],
  "lead.read": ["coordinator", "manager", "admin"],
  "lead.write": ["coordinator"],
  "lead.transition": ["coordinator", "clinician"],
  "line.read": ["coordinator", "scheduler", "clinician", "manager", "admin"],
  "screening.work": ["coordinator"],
  // Clinicians read a screening only for leads handed to them or to the clinical pool (checked per row).
  "screening.read": ["coordinator", "clinician", "manager", "admin"],
  "handoff.create": ["coordinator"],
  "handoff.inbox": ["scheduler", "clinician", "manager", "admin"],
  "handoff.acknowledge": ["scheduler", "clinician"],
  // How many clinicians could see an urgent alert now (a count and a time, no patient data).
  "handoff.coverage": ["coordinator", "scheduler", "manager", "admin"],
  // Urgent handoffs nobody acknowledged in time, by caller name: the desk and managers call on-call.
  "handoff.escalations": ["coordinator", "manager", "admin"],
  "clinician.review": ["clinician"],
  // Scheduling reads only what docs/domain.md lets a scheduler see: result and flags, never full answers.
  "scheduling.queue": ["scheduler", "manager", "admin"],
  // Schedulers read leads handed to scheduling, clinicians leads booked with or handed to them (checked per row).
  "appointment.read": ["scheduler", "clinician", "manager", "admin"],
  "appointment.book": ["scheduler"],
  // Clinicians record outcomes only of their own appointments (checked per row).
  "appointment.outcome": ["scheduler", "clinician"],
  "checklist.read": ["scheduler", "clinician", "manager", "admin"],
  "checklist.update": ["scheduler"],
  "checklist.waive": ["clinician"],
  "course.read": ["scheduler", "clinician", "manager", "admin"],
  "course.write": ["scheduler"],
  "task.read": ["coordinator", "manager", "admin"],
  "task.work": ["coordinator"],
  "workQueue.read": ["coordinator"],
  // Aggregates across coordinators; the drill-down to named leads is a PHI read of its own (docs/domain.md, "People").
  "funnel.read": ["manager", "admin"],
  // The named leads behind a bar: a PHI read, audited. Admins read what managers read (docs/domain.md).
  "funnel.leads": ["manager", "admin"],
  "audit.read": ["manager", "admin"],
  // A lead's FHIR bundle: clinicians for leads handed to them, schedulers for leads handed to
  // scheduling (checked per row); each bundle holds only what that role may read (fhir/bundle.ts).
  "fhir.export": ["scheduler", "clinician", "manager", "admin"],
  // "Send to EHR" is work on a lead, done by those who work it; managers and admins only read.
  "fhir.send": ["scheduler", "clinician"],
  "line.admin": ["admin"],
  // Referring providers: the desk and scheduling keep the list (they take the referrals and write the
  // letters); managers and admins read it for the reports (docs/domain.md, "Referring providers").
  "referrer.read": ["coordinator", "scheduler", "manager", "admin"],
  "referrer.write": ["coordinator", "scheduler"],
  // A letter to the provider is a disclosure, written when scheduling books and sees the consult:
  // schedulers for leads handed to scheduling (checked per row); managers and admins read them.
  "referrer.letter": ["scheduler", "manager", "admin"],
  // Folding a duplicate lead into another moves its whole record: the desk that works leads, and
  // managers who clean the list up (docs/domain.md, "Duplicates and merging").
  "lead.merge": ["coordinator", "manager"],
  // The clinic's answers hold no patient data: everyone on the desk reads them.
  "faq.read": ["coordinator", "scheduler", "clinician", "manager", "admin"],
  "faq.edit": ["admin"],
  // A claim the page makes ("no side effects") is shown as the clinic's answer only once a clinician approves it.
  "faq.approve": ["clinician"],
  "faq.history": ["clinician", "admin"],
  // Texts with callers: schedulers only for leads handed to scheduling (checked per row); managers and admins read.
  "message.read": ["coordinator", "scheduler", "manager", "admin"],
  "message.send": ["coordinator", "scheduler"],
} as const satisfies Record<string, readonly Role[]>;
export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

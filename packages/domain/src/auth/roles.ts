// The people who use the intake desk and what each may do (DOMAIN.md, "People").

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
  "clinician.review": ["clinician"],
} as const satisfies Record<string, readonly Role[]>;
export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

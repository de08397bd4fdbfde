// Words the audit report uses for actions, record types, roles and outcomes; the stored values stay as they are
// in the CSV. Actions and record types are named in @intake/domain, beside the server's audit policy.
import { AUDIT_ACTION_LABELS, AUDIT_RECORD_LABELS, ROLES, ROLE_LABELS } from "@intake/domain";

export { auditActionText, auditRecordText } from "@intake/domain";

interface Choice {
  value: string;
  label: string;
}

const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label, "en-US");

/** The action filter's choices, in the words the table shows, alphabetical so a manager can scan them. */
export const ACTION_CHOICES: readonly Choice[] = Object.entries(AUDIT_ACTION_LABELS)
  .map(([value, label]) => ({ value, label }))
  .sort(byLabel);

export const RECORD_TYPE_CHOICES: readonly Choice[] = Object.entries(AUDIT_RECORD_LABELS).map(([value, label]) => ({ value, label }));

/** A value from an address this screen has no words for stays choosable, as stored. */
export function withCurrent(choices: readonly Choice[], current: string): readonly Choice[] {
  return !current || choices.some((c) => c.value === current) ? choices : [...choices, { value: current, label: current }];
}

export function roleText(role: string | null): string {
  if (role === null) return "No session";
  if (role === "cli") return "Command line";
  const known = ROLES.find((r) => r === role);
  return known ? ROLE_LABELS[known] : role;
}

export type AuditOutcome = "ok" | "denied" | "failed";

export const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  ok: "OK",
  denied: "Denied",
  failed: "Failed",
};

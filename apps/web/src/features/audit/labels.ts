// Words the audit report uses for record types, roles and outcomes; the stored values stay as they are in the CSV.
import { ROLES, ROLE_LABELS } from "@intake/domain";

/** The record types the server's audit policy writes (packages/api/src/audit/policy.ts), in the desk's words. */
export const RECORD_TYPE_LABELS: Record<string, string> = {
  lead: "Lead",
  call: "Call",
  screening: "Screening",
  handoff: "Handoff",
  clinical_note: "Clinical note",
  appointment: "Appointment",
  checklist: "Checklist",
  course: "Treatment course",
  task: "Task",
  line: "Phone line",
  user: "User or sign-in",
  funnel: "Funnel report",
  audit: "Audit trail",
  unknown: "Unlisted procedure",
};

export function recordTypeText(type: string): string {
  return RECORD_TYPE_LABELS[type] ?? type;
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

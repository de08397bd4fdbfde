// The lead lifecycle of docs/domain.md: which status may follow which, who may move it, and what reason it needs.
import type { Role } from "../auth/roles.ts";

export const LEAD_STATUSES = [
  "new",
  "contacting",
  "screening",
  "needs_review",
  "eligible",
  "handed_off",
  "scheduled",
  "consulted",
  "in_treatment",
  "closed",
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  new: "New",
  contacting: "Contacting",
  screening: "Screening",
  needs_review: "Needs clinician review",
  eligible: "Eligible",
  handed_off: "Handed off",
  scheduled: "Scheduled",
  consulted: "Consulted",
  in_treatment: "In treatment",
  closed: "Closed",
};

export const CLOSED_REASONS = ["unreachable", "not_interested", "cost", "chose_other_care", "not_candidate", "duplicate", "other"] as const;
export type ClosedReason = (typeof CLOSED_REASONS)[number];

export const CLOSED_REASON_LABELS: Record<ClosedReason, string> = {
  unreachable: "Unreachable",
  not_interested: "Not interested",
  cost: "Cost",
  chose_other_care: "Chose other care",
  not_candidate: "Not a candidate",
  duplicate: "Duplicate",
  other: "Other",
};

/**
 * A lead is open until it is closed. `in_treatment` is where intake ends well, so it cannot be
 * closed from the intake desk either.
 */
export function isOpen(status: LeadStatus): boolean {
  return status !== "closed" && status !== "in_treatment";
}

type ReasonKind = "none" | "closed_reason" | "text";

interface TransitionRule {
  from: LeadStatus;
  to: LeadStatus;
  /** Who may make this move by hand through `lead.transition`. */
  roles: readonly Role[];
  reason: ReasonKind;
  label: string;
  /**
   * Set when only a dedicated action may make the move (the server computes it or it needs a
   * note); `lead.transition` then refuses and says which action to use.
   */
  via?: string;
}

const COORD: readonly Role[] = ["coordinator"];

const FORWARD: TransitionRule[] = [
  { from: "new", to: "contacting", roles: COORD, reason: "none", label: "Start contacting" },
  { from: "contacting", to: "screening", roles: COORD, reason: "none", label: "Start screening" },
  { from: "screening", to: "eligible", roles: COORD, reason: "none", label: "Mark eligible", via: "completing the screening" },
  {
    from: "screening",
    to: "needs_review",
    roles: COORD,
    reason: "none",
    label: "Send for clinician review",
    via: "completing the screening",
  },
  // Only a clinician may clear a flag the screening raised.
  { from: "needs_review", to: "eligible", roles: ["clinician"], reason: "text", label: "Clear for scheduling" },
  { from: "eligible", to: "handed_off", roles: COORD, reason: "none", label: "Hand off to scheduling", via: "a handoff note" },
  // From here on the scheduling actions move the lead, so the status always matches an appointment or a course.
  { from: "handed_off", to: "scheduled", roles: COORD, reason: "none", label: "Mark scheduled", via: "booking a consult" },
  { from: "scheduled", to: "scheduled", roles: COORD, reason: "text", label: "Reschedule", via: "rescheduling the consult" },
  { from: "scheduled", to: "consulted", roles: COORD, reason: "none", label: "Mark consulted", via: "recording the consult outcome" },
  { from: "consulted", to: "in_treatment", roles: COORD, reason: "none", label: "Start treatment", via: "starting the treatment course" },
  { from: "closed", to: "contacting", roles: COORD, reason: "text", label: "Reopen" },
];

const CLOSING: TransitionRule[] = LEAD_STATUSES.filter(isOpen).map((from) => ({
  from,
  to: "closed" as const,
  // A clinician closes a flagged lead through review; a coordinator closes any open lead.
  roles: from === "needs_review" ? (["coordinator", "clinician"] as const) : COORD,
  reason: "closed_reason" as const,
  label: "Close lead",
}));

export const TRANSITIONS: readonly TransitionRule[] = [...FORWARD, ...CLOSING];

export function findTransition(from: LeadStatus, to: LeadStatus): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The moves a given role may make by hand from a status (what the lead page shows as buttons). */
export function allowedTransitions(from: LeadStatus, role: Role): TransitionRule[] {
  return TRANSITIONS.filter((t) => t.from === from && t.roles.includes(role) && !t.via);
}

export type TransitionCheck = { ok: true; rule: TransitionRule } | { ok: false; code: "BAD_REQUEST" | "FORBIDDEN"; message: string };

/** Decides whether `role` may move a lead from `from` to `to` with the reason given. */
export function checkTransition(from: LeadStatus, to: LeadStatus, role: Role, reason: string | undefined, opts: { system?: boolean } = {}): TransitionCheck {
  const rule = findTransition(from, to);
  if (!rule) {
    const next = TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
    const options = next.length ? `it can move to: ${[...new Set(next)].join(", ")}` : "it cannot move from there";
    return { ok: false, code: "BAD_REQUEST", message: `A lead cannot move from ${from} to ${to}; ${options}.` };
  }
  if (opts.system) return { ok: true, rule };
  if (rule.via) {
    return { ok: false, code: "BAD_REQUEST", message: `A lead moves from ${from} to ${to} only through ${rule.via}.` };
  }
  if (!rule.roles.includes(role)) {
    return { ok: false, code: "FORBIDDEN", message: `Your role cannot move a lead from ${from} to ${to}.` };
  }
  const trimmed = reason?.trim() ?? "";
  if (rule.reason === "closed_reason" && !(CLOSED_REASONS as readonly string[]).includes(trimmed)) {
    return {
      ok: false,
      code: "BAD_REQUEST",
      message: `Closing a lead needs a reason, one of: ${CLOSED_REASONS.join(", ")}.`,
    };
  }
  if (rule.reason === "text" && trimmed.length < 3) {
    return { ok: false, code: "BAD_REQUEST", message: `Moving a lead from ${from} to ${to} needs a reason.` };
  }
  return { ok: true, rule };
}

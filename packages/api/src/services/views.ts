// What a lead and a call look like outside the server: named columns only, never a whole row. Blind
// indexes, provider bookkeeping and any column a table gains later stay inside until they are added here.
import type { schema } from "@intake/db";

type LeadRow = typeof schema.lead.$inferSelect;
type CallRow = typeof schema.call.$inferSelect;

/** A lead's first or last touch (docs/domain.md, "Channel and attribution"). */
function touchView(row: LeadRow, which: "first" | "last") {
  const f = which === "first";
  return {
    source: f ? row.firstSource : row.lastSource,
    medium: f ? row.firstMedium : row.lastMedium,
    campaign: f ? row.firstCampaign : row.lastCampaign,
    term: f ? row.firstTerm : row.lastTerm,
    content: f ? row.firstContent : row.lastContent,
    gclid: f ? row.firstGclid : row.lastGclid,
    landingPage: f ? row.firstLandingPage : row.lastLandingPage,
    referrer: f ? row.firstReferrer : row.lastReferrer,
    at: f ? row.firstAt : row.lastAt,
  };
}

export function leadView(row: LeadRow) {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    relation: row.relation,
    source: row.source,
    lineId: row.lineId,
    status: row.status,
    closedReason: row.closedReason,
    urgent: row.urgent,
    language: row.language,
    interpreterNeeded: row.interpreterNeeded,
    referrerId: row.referrerId,
    mayUpdateReferrer: row.mayUpdateReferrer,
    mergedIntoId: row.mergedIntoId,
    channel: row.channel,
    firstTouch: touchView(row, "first"),
    lastTouch: touchView(row, "last"),
    textConsent: row.textConsent,
    createdById: row.createdById,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type LeadView = ReturnType<typeof leadView>;

/** The call columns a view shows (a logged call builds them from what it wrote, without reading the row back). */
type CallViewRow = Pick<
  CallRow,
  | "id"
  | "direction"
  | "lineId"
  | "otherNumber"
  | "startedAt"
  | "durationSeconds"
  | "outcome"
  | "notes"
  | "handledById"
  | "leadId"
  | "state"
  | "answeredAt"
  | "endedAt"
  | "needsCompletion"
  | "createdAt"
>;
export function callView(row: CallViewRow) {
  return {
    id: row.id,
    direction: row.direction,
    lineId: row.lineId,
    otherNumber: row.otherNumber,
    startedAt: row.startedAt,
    durationSeconds: row.durationSeconds,
    outcome: row.outcome,
    notes: row.notes,
    handledById: row.handledById,
    leadId: row.leadId,
    state: row.state,
    answeredAt: row.answeredAt,
    endedAt: row.endedAt,
    needsCompletion: row.needsCompletion,
    createdAt: row.createdAt,
  };
}
export type CallView = ReturnType<typeof callView>;

// The tables of the intake desk, named for the things they hold; columns are snake_case in SQL.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  APPOINTMENT_CHANGES,
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  CALLER_LANGUAGES,
  CALLER_RELATIONS,
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  CHECKLIST_ITEMS,
  CLOSED_REASONS,
  HANDOFF_TARGETS,
  LEAD_CHANNELS,
  LEAD_STATUSES,
  PREFERRED_CONTACTS,
  ROLES,
  TASK_KINDS,
  TASK_STATUSES,
  MESSAGE_DIRECTIONS,
  MESSAGE_STATUSES,
  TEXT_CONSENT_SOURCES,
  TEXT_CONSENT_STATES,
} from "@intake/domain";
import { encryptedJson, encryptedText } from "./columns.ts";

const createdAt = () =>
  integer({ mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const user = sqliteTable("user", {
  id: integer().primaryKey({ autoIncrement: true }),
  email: text().notNull().unique(),
  name: text().notNull(),
  role: text({ enum: ROLES }).notNull(),
  passwordHash: text().notNull(),
  /** The authenticator secret (RFC 6238) when the person signs in with a second factor; required for admins. */
  totpSecret: encryptedText(),
  /** The last 30-second step whose code signed this person in; a code for it or an earlier step is refused, so none works twice. */
  totpLastStep: integer(),
  active: integer({ mode: "boolean" }).notNull().default(true),
  createdAt: createdAt(),
});

/** Server-side sessions; the id is a SHA-256 of the cookie token, so a copy of this table opens nothing. */
export const session = sqliteTable(
  "session",
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: integer({ mode: "timestamp_ms" }).notNull(),
    expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
    ip: text(),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

/** A clinic phone number; calls on a line are attributed to its advertising source. */
export const line = sqliteTable("line", {
  id: integer().primaryKey({ autoIncrement: true }),
  number: text().notNull().unique(),
  label: text().notNull(),
  source: text(),
  /** Names the provider credential that signs this line's webhooks (the secret itself lives in configuration). */
  webhookSecretRef: text(),
  /** The line sends and receives text messages (set by admins). */
  smsEnabled: integer({ mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

export const lead = sqliteTable(
  "lead",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text(),
    /** Encrypted; looked up through the keyed blind indexes below (full number, last 7, last 4 digits). */
    phone: encryptedText().notNull(),
    phoneIndex: text().notNull(),
    phoneLast7Index: text().notNull(),
    phoneLast4Index: text().notNull(),
    /** Encrypted; found through `emailIndex`, a keyed blind index of the address lowercased and trimmed. */
    email: encryptedText(),
    emailIndex: text(),
    relation: text({ enum: CALLER_RELATIONS }),
    source: text(),
    lineId: integer().references(() => line.id),
    status: text({ enum: LEAD_STATUSES }).notNull().default("new"),
    closedReason: text({ enum: CLOSED_REASONS }),
    urgent: integer({ mode: "boolean" }).notNull().default(false),
    /** The caller's language: screening scripts, the clinic's answers and invitations follow it. */
    language: text({ enum: CALLER_LANGUAGES }).notNull().default("en"),
    interpreterNeeded: integer({ mode: "boolean" }).notNull().default(false),
    /** How the lead first reached the clinic; first and last touch say from where (docs/domain.md, "Channel and attribution"). */
    channel: text({ enum: LEAD_CHANNELS }).notNull().default("call"),
    firstSource: text(),
    firstMedium: text(),
    firstCampaign: text(),
    firstTerm: text(),
    firstContent: text(),
    firstGclid: text(),
    firstLandingPage: text(),
    firstReferrer: text(),
    firstAt: integer({ mode: "timestamp_ms" }),
    lastSource: text(),
    lastMedium: text(),
    lastCampaign: text(),
    lastTerm: text(),
    lastContent: text(),
    lastGclid: text(),
    lastLandingPage: text(),
    lastReferrer: text(),
    lastAt: integer({ mode: "timestamp_ms" }),
    /** May the clinic text this caller: their latest word on it (history in text_consent_event). */
    textConsent: text({ enum: TEXT_CONSENT_STATES }).notNull().default("unknown"),
    createdById: integer().references(() => user.id),
    createdAt: createdAt(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
    /** The referring provider who sent the patient, if one did. */
    referrerId: integer().references((): AnySQLiteColumn => referrer.id),
    /** What the patient authorised: the clinic may tell the referring provider how the referral went. */
    mayUpdateReferrer: integer({ mode: "boolean" }).notNull().default(false),
    /** Set when this lead was merged into another as its duplicate (lead.merge): the lead that holds its record now. */
    mergedIntoId: integer().references((): AnySQLiteColumn => lead.id),
  },
  (t) => [
    index("lead_referrer_idx").on(t.referrerId, t.createdAt),
    index("lead_phone_idx").on(t.phoneIndex),
    index("lead_phone_last7_idx").on(t.phoneLast7Index),
    index("lead_phone_last4_idx").on(t.phoneLast4Index),
    index("lead_email_idx").on(t.emailIndex),
    index("lead_created_idx").on(t.createdAt),
    index("lead_status_created_idx").on(t.status, t.createdAt),
    index("lead_updated_idx").on(t.updatedAt),
    index("lead_name_idx").on(sql`${t.name} collate nocase`),
    // lead.list filters by status and sorts by any column: each pair reads in index order, deep pages included.
    index("lead_status_updated_idx").on(t.status, t.updatedAt),
    index("lead_status_name_idx").on(t.status, sql`${t.name} collate nocase`),
    // The work queue's urgent group, read on every live change: a partial index holds only urgent
    // leads (a handful), where any other index would be walked across every lead to find none.
    index("lead_urgent_updated_idx")
      .on(t.updatedAt)
      .where(sql`urgent = 1`),
  ],
);

/** Every status change of a lead: who moved it, when, from what to what, and why. */
export const leadEvent = sqliteTable(
  "lead_event",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: integer()
      .notNull()
      .references(() => lead.id, { onDelete: "cascade" }),
    fromStatus: text({ enum: LEAD_STATUSES }),
    toStatus: text({ enum: LEAD_STATUSES }).notNull(),
    actorId: integer().references(() => user.id),
    /** Free text (a clinician's reason to clear, a reopen reason): encrypted. */
    reason: encryptedText(),
    /** What decided a move the app made itself, e.g. the screening rules that closed a lead. */
    detail: text(),
    at: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("lead_event_lead_idx").on(t.leadId, t.at)],
);

export const call = sqliteTable(
  "call",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    direction: text({ enum: CALL_DIRECTIONS }).notNull(),
    lineId: integer()
      .notNull()
      .references(() => line.id),
    otherNumber: encryptedText().notNull(),
    /** The number's blind index. Not indexed: no query finds a call by its number (a caller is found through the lead's). */
    otherNumberIndex: text().notNull(),
    startedAt: integer({ mode: "timestamp_ms" }).notNull(),
    durationSeconds: integer().notNull(),
    outcome: text({ enum: CALL_OUTCOMES }).notNull(),
    notes: encryptedText(),
    handledById: integer().references(() => user.id),
    leadId: integer().references(() => lead.id),
    /** Set for calls the phone system reported: one record per provider call id, however often it reports. */
    provider: text(),
    providerCallId: text(),
    /** Live calls ring, are answered, and end; a typed call is ended from the start. */
    state: text({ enum: ["ringing", "in_progress", "ended"] })
      .notNull()
      .default("ended"),
    providerStatusRank: integer().notNull().default(3),
    answeredAt: integer({ mode: "timestamp_ms" }),
    endedAt: integer({ mode: "timestamp_ms" }),
    /** A call the phone system logged that a coordinator has not yet completed (notes, caller). */
    needsCompletion: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("call_provider_idx").on(t.provider, t.providerCallId),
    // Only the calls the live strip lists (ringing, in progress, or logged by the phone system and
    // awaiting a coordinator): a call typed in on the desk is ended from the start and adds no entry.
    index("call_live_idx")
      .on(t.startedAt)
      .where(sql`state <> 'ended' or needs_completion = 1`),
    index("call_started_idx").on(t.startedAt),
    index("call_lead_idx").on(t.leadId, t.startedAt),
    index("call_outcome_started_idx").on(t.outcome, t.startedAt),
  ],
);

/** A screening of one lead: answers as given (JSON, with the form version they were asked under) and the server's result. */
export const screening = sqliteTable(
  "screening",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: integer()
      .notNull()
      .references(() => lead.id, { onDelete: "cascade" }),
    formVersion: integer().notNull(),
    status: text({ enum: ["in_progress", "complete"] })
      .notNull()
      .default("in_progress"),
    answers: encryptedJson<Record<string, unknown>>().notNull(),
    /** Whether the coordinator offered the optional PHQ-9 / GAD-7 questionnaires. */
    offered: text({ mode: "json" }).notNull().$type<{ phq9Offered: boolean; gad7Offered: boolean }>(),
    result: text({ enum: ["urgent", "not_candidate", "needs_review", "eligible"] }),
    flags: text({ mode: "json" }).$type<{ id: string; label: string; result: string }[]>(),
    scores: text({ mode: "json" }).$type<Record<string, unknown>>(),
    notes: encryptedJson<string[]>(),
    startedById: integer().references(() => user.id),
    completedById: integer().references(() => user.id),
    createdAt: createdAt(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
    completedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [index("screening_lead_idx").on(t.leadId, t.createdAt), index("screening_status_idx").on(t.status, t.updatedAt)],
);

/** A structured (SBAR) note handing a lead to scheduling or to a clinician; unread until acknowledged. */
export const handoff = sqliteTable(
  "handoff",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: integer()
      .notNull()
      .references(() => lead.id, { onDelete: "cascade" }),
    screeningId: integer().references(() => screening.id),
    target: text({ enum: HANDOFF_TARGETS }).notNull(),
    clinicianId: integer().references(() => user.id),
    urgent: integer({ mode: "boolean" }).notNull().default(false),
    situation: encryptedText().notNull(),
    background: encryptedText().notNull(),
    assessment: encryptedText().notNull(),
    recommendation: encryptedText().notNull(),
    fromId: integer().references(() => user.id),
    createdAt: createdAt(),
    acknowledgedAt: integer({ mode: "timestamp_ms" }),
    acknowledgedById: integer().references(() => user.id),
    /** When nobody acknowledged an urgent handoff in time and coordinators and managers were told to call on-call. */
    escalatedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [
    index("handoff_inbox_idx").on(t.target, t.acknowledgedAt, t.createdAt),
    // The server's periodic check reads only urgent handoffs still waiting for someone.
    index("handoff_urgent_waiting_idx")
      .on(t.createdAt)
      .where(sql`urgent = 1 and acknowledged_at is null`),
    index("handoff_clinician_idx").on(t.clinicianId, t.acknowledgedAt),
    index("handoff_lead_idx").on(t.leadId),
  ],
);

/** A clinician's note on a lead (a review decision); clinical, so schedulers never read it. */
export const clinicalNote = sqliteTable(
  "clinical_note",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: integer()
      .notNull()
      .references(() => lead.id, { onDelete: "cascade" }),
    authorId: integer()
      .notNull()
      .references(() => user.id),
    kind: text({ enum: ["review"] }).notNull(),
    decision: text({ enum: ["clear", "close"] }),
    note: encryptedText().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("clinical_note_lead_idx").on(t.leadId, t.createdAt)],
);

export type User = typeof user.$inferSelect;
export type Session = typeof session.$inferSelect;
export type Line = typeof line.$inferSelect;
export type Lead = typeof lead.$inferSelect;
export type LeadEvent = typeof leadEvent.$inferSelect;
export type Call = typeof call.$inferSelect;
export type Screening = typeof screening.$inferSelect;
export type Handoff = typeof handoff.$inferSelect;
export type ClinicalNote = typeof clinicalNote.$inferSelect;

/**
 * A booked appointment with a clinician. A reschedule changes it in place and bumps `sequence`
 * (the calendar file's SEQUENCE); `appointmentEvent` keeps every earlier time and the reasons.
 */
export const appointment = sqliteTable(
  "appointment",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: integer()
      .notNull()
      .references(() => lead.id, { onDelete: "cascade" }),
    kind: text({ enum: APPOINTMENT_KINDS }).notNull(),
    clinicianId: integer()
      .notNull()
      .references(() => user.id),
    startsAt: integer({ mode: "timestamp_ms" }).notNull(),
    endsAt: integer({ mode: "timestamp_ms" }).notNull(),
    status: text({ enum: APPOINTMENT_STATUSES }).notNull().default("booked"),
    sequence: integer().notNull().default(0),
    /** Free text, like every other reason: encrypted. */
    cancelReason: encryptedText(),
    bookedById: integer().references(() => user.id),
    outcomeById: integer().references(() => user.id),
    outcomeAt: integer({ mode: "timestamp_ms" }),
    /** The caller confirmed by replying C to a reminder; cleared when the time moves. */
    confirmedAt: integer({ mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("appointment_clinician_idx").on(t.clinicianId, t.startsAt),
    index("appointment_lead_idx").on(t.leadId, t.startsAt),
    index("appointment_kind_status_idx").on(t.kind, t.status, t.leadId),
  ],
);

/** What happened to an appointment and when: booked, each reschedule (from/to, reason), cancelled, outcome. */
export const appointmentEvent = sqliteTable(
  "appointment_event",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    appointmentId: integer()
      .notNull()
      .references(() => appointment.id, { onDelete: "cascade" }),
    change: text({ enum: APPOINTMENT_CHANGES }).notNull(),
    fromStartsAt: integer({ mode: "timestamp_ms" }),
    toStartsAt: integer({ mode: "timestamp_ms" }),
    fromClinicianId: integer().references(() => user.id),
    toClinicianId: integer().references(() => user.id),
    reason: encryptedText(),
    actorId: integer().references(() => user.id),
    at: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("appointment_event_appointment_idx").on(t.appointmentId, t.at)],
);

/** One pre-treatment checklist item of a lead; an item with no row has not been requested. */
export const checklistItem = sqliteTable(
  "checklist_item",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: integer()
      .notNull()
      .references(() => lead.id, { onDelete: "cascade" }),
    item: text({ enum: CHECKLIST_ITEMS }).notNull(),
    status: text({ enum: ["requested", "done", "waived"] }).notNull(),
    /** Clinic dates, YYYY-MM-DD. */
    requestedOn: text(),
    doneOn: text(),
    /** A clinician's reason for waiving; clinical, so it is shown only as "waived" to others. */
    waivedNote: encryptedText(),
    waivedById: integer().references(() => user.id),
    waivedAt: integer({ mode: "timestamp_ms" }),
    updatedById: integer().references(() => user.id),
    createdAt: createdAt(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("checklist_item_lead_item_idx").on(t.leadId, t.item)],
);

/** A lead's TMS course: sessions planned and attended so far. One per lead. */
export const treatmentCourse = sqliteTable("treatment_course", {
  id: integer().primaryKey({ autoIncrement: true }),
  leadId: integer()
    .notNull()
    .unique()
    .references(() => lead.id, { onDelete: "cascade" }),
  plannedSessions: integer().notNull(),
  attendedSessions: integer().notNull().default(0),
  startedById: integer().references(() => user.id),
  startedAt: integer({ mode: "timestamp_ms" }).notNull(),
  lastSessionAt: integer({ mode: "timestamp_ms" }),
  updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
});

/** A callback or follow-up a coordinator owes a lead; no owner means the desk's (every coordinator's). */
export const task = sqliteTable(
  "task",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: integer()
      .notNull()
      .references(() => lead.id, { onDelete: "cascade" }),
    kind: text({ enum: TASK_KINDS }).notNull(),
    status: text({ enum: TASK_STATUSES }).notNull().default("open"),
    dueAt: integer({ mode: "timestamp_ms" }).notNull(),
    ownerId: integer().references(() => user.id),
    /** The missed or abandoned call that asked for this callback, if one did. */
    callId: integer().references(() => call.id),
    note: encryptedText(),
    createdById: integer().references(() => user.id),
    createdAt: createdAt(),
    completedAt: integer({ mode: "timestamp_ms" }),
    completedById: integer().references(() => user.id),
  },
  (t) => [
    index("task_open_due_idx").on(t.status, t.dueAt),
    index("task_owner_idx").on(t.ownerId, t.status, t.dueAt),
    index("task_lead_idx").on(t.leadId, t.status),
  ],
);

export type Appointment = typeof appointment.$inferSelect;
export type AppointmentEvent = typeof appointmentEvent.$inferSelect;
export type ChecklistItemRow = typeof checklistItem.$inferSelect;
export type TreatmentCourse = typeof treatmentCourse.$inferSelect;
export type Task = typeof task.$inferSelect;

/**
 * The audit trail: append-only, each entry's HMAC chained to the previous one (packages/api/src/audit).
 * It records who did what to which record, from where — never the patient data itself.
 */
export const auditEntry = sqliteTable(
  "audit_entry",
  {
    seq: integer().primaryKey(),
    at: integer().notNull(),
    actorId: integer(),
    actorRole: text(),
    action: text().notNull(),
    recordType: text(),
    recordId: text(),
    ip: text(),
    outcome: text({ enum: ["ok", "denied", "failed"] }).notNull(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [index("audit_at_idx").on(t.at), index("audit_actor_idx").on(t.actorId, t.at), index("audit_record_idx").on(t.recordType, t.recordId)],
);

/** Failed sign-ins per account and per address, for back-off and lockout. */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  lastFailureAt: integer().notNull(),
  lockedUntil: integer().notNull().default(0),
});

export type AuditEntry = typeof auditEntry.$inferSelect;

/**
 * The funnel's counting table: one row per (lead, measure) that the lead contributes — reached a
 * stage (value = ms from creation), speed to lead, call and consult counts, closed reason — with
 * the lead's creation time and the dimensions a manager filters by. Derived from lead, lead_event,
 * call and appointment by services/funnel.ts (measures: packages/domain/src/funnel/measures.ts).
 * The key is lead id × 16 + measure, so a lead's rows are one key range and need no second index.
 * Each index leads with (measure, bucket, created_at): the count of a cohort in one bucket is a
 * range count that reads no row, and a median reads the exact values of one bucket only.
 */
export const funnelMeasure = sqliteTable(
  "funnel_measure",
  {
    id: integer().primaryKey(),
    leadId: integer().notNull(),
    measure: integer().notNull(),
    bucket: integer().notNull(),
    value: integer().notNull(),
    /**
     * What the row adds to the cohort's figures: 1, or for a count measure (inbound calls,
     * connected calls, consults attended or missed) the count itself, with value and bucket 0. In no
     * index, so a call that adds to a count rewrites no index entry (migration 0017).
     */
    weight: integer().notNull().default(1),
    /** The lead's creation: the cohort it belongs to. */
    createdAt: integer().notNull(),
    source: text(),
    lineId: integer(),
    coordinatorId: integer(),
    /**
     * The lead's language as recorded now: written by the funnel's sync with the row, and set again
     * by a trigger when a lead's language changes (migration 0010_faq_answers_and_lead_language.sql).
     */
    language: text(),
    /** The lead's referring provider as recorded now, kept like `language` (trigger in migration 0011). */
    referrerId: integer(),
    /** The lead's channel and first touch's medium and campaign, kept like `language` (trigger in migration 0012). */
    channel: text(),
    medium: text(),
    campaign: text(),
  },
  (t) => [
    index("funnel_measure_referrer_idx").on(t.referrerId, t.measure, t.bucket, t.createdAt, t.value),
    index("funnel_measure_idx").on(t.measure, t.bucket, t.createdAt, t.value),
    index("funnel_measure_source_idx").on(t.source, t.measure, t.bucket, t.createdAt, t.value),
    index("funnel_measure_line_idx").on(t.lineId, t.measure, t.bucket, t.createdAt, t.value),
    index("funnel_measure_coordinator_idx").on(t.coordinatorId, t.measure, t.bucket, t.createdAt, t.value),
    index("funnel_measure_language_idx").on(t.language, t.measure, t.bucket, t.createdAt, t.value),
    index("funnel_measure_channel_idx").on(t.channel, t.measure, t.bucket, t.createdAt, t.value),
    index("funnel_measure_medium_idx").on(t.medium, t.measure, t.bucket, t.createdAt, t.value),
    index("funnel_measure_campaign_idx").on(t.campaign, t.measure, t.bucket, t.createdAt, t.value),
  ],
);

/**
 * The summed weight (a row count, or a count measure's total) of the funnel rows of each
 * (measure, bucket) that belong to leads created in one period: a UTC day (span 0) or a block of 32
 * UTC days (span 5, days 32k to 32k + 31). Kept exact by triggers on funnel_measure in the same
 * transaction as the rows (migrations 0016_funnel_rollup.sql, 0017_funnel_counts_as_weights.sql),
 * whoever writes them. An unfiltered cohort's histogram adds up whole blocks and whole days from
 * here and counts only the part-days at its two ends in funnel_measure itself (services/funnel.ts).
 * The migration makes it a WITHOUT ROWID table: the key is the row.
 */
export const funnelRollup = sqliteTable(
  "funnel_rollup",
  {
    span: integer().notNull(),
    period: integer().notNull(),
    measure: integer().notNull(),
    bucket: integer().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.span, t.period, t.measure, t.bucket] })],
);

/**
 * Leads whose funnel rows are out of date. Triggers (migrations/0001_funnel_triggers.sql) add a
 * lead here whenever its row, status history, calls or consults change, whoever wrote them; the
 * funnel brings those leads up to date before it reads, so a write pays one tiny insert.
 */
export const funnelDirty = sqliteTable("funnel_dirty", {
  leadId: integer().primaryKey(),
});

export type FunnelMeasure = typeof funnelMeasure.$inferSelect;

/**
 * How many leads are in each status, kept exact by triggers (migration 0003): the lead list's total
 * for "all" or one status is a lookup here, not a count over tens of thousands of index entries.
 */
export const leadStatusCount = sqliteTable("lead_status_count", {
  status: text({ enum: LEAD_STATUSES }).primaryKey(),
  n: integer().notNull(),
});

/**
 * Each "Send to EHR" of a lead and what the EHR answered: its HTTP status (null when it could not be
 * reached), where it put the patient, and a summary in our words (entry counts, or the issue codes
 * and element paths of its OperationOutcome — never its free text, which may quote the record).
 */
export const fhirSend = sqliteTable(
  "fhir_send",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: integer()
      .notNull()
      .references(() => lead.id, { onDelete: "cascade" }),
    actorId: integer().references(() => user.id),
    at: integer({ mode: "timestamp_ms" }).notNull(),
    httpStatus: integer(),
    ok: integer({ mode: "boolean" }).notNull(),
    location: text(),
    outcome: text().notNull(),
  },
  (t) => [index("fhir_send_lead_idx").on(t.leadId, t.at)],
);

export type FhirSend = typeof fhirSend.$inferSelect;

/**
 * The clinic's answers panel, one row per version of an answer: the repository's content
 * (packages/domain/src/faq/content.ts) is version 1 of each and is not stored; every admin edit or
 * clinician approval adds the next version here, so the table is the answer's history. An answer
 * marked `needsClinicianApproval` is never shown as the clinic's answer until a later version clears it.
 */
export const faqAnswerVersion = sqliteTable(
  "faq_answer_version",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    faqId: text().notNull(),
    version: integer().notNull(),
    questionEn: text().notNull(),
    answerEn: text().notNull(),
    questionEs: text().notNull(),
    answerEs: text().notNull(),
    needsClinicianApproval: integer({ mode: "boolean" }).notNull(),
    /** Who wrote this version; approvedById is set on the version a clinician approved. */
    editedById: integer()
      .notNull()
      .references(() => user.id),
    approvedById: integer().references(() => user.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("faq_answer_version_idx").on(t.faqId, t.version)],
);

export type FaqAnswerVersion = typeof faqAnswerVersion.$inferSelect;

/** A physician or practice that refers patients to the clinic (docs/domain.md, "Referring providers"). */
export const referrer = sqliteTable(
  "referrer",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    /** The National Provider Identifier, ten digits with a valid check digit; unique when given. */
    npi: text().unique(),
    practice: text(),
    phone: text(),
    fax: text(),
    address: text(),
    createdById: integer().references(() => user.id),
    createdAt: createdAt(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("referrer_name_idx").on(sql`${t.name} collate nocase`)],
);

export type Referrer = typeof referrer.$inferSelect;
/**
 * Each inquiry from the website, as a touch of its lead: where the person came from, what they
 * wrote and how they want to be reached. A second inquiry from the same number is a second row on
 * the same lead. `reference` is what the person was told.
 */
export const leadTouch = sqliteTable(
  "lead_touch",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: integer()
      .notNull()
      .references(() => lead.id),
    reference: text().notNull().unique(),
    channel: text({ enum: LEAD_CHANNELS }).notNull(),
    source: text(),
    medium: text(),
    campaign: text(),
    term: text(),
    content: text(),
    gclid: text(),
    landingPage: text(),
    referrer: text(),
    /** The name as the person typed it (the lead keeps the one it had). Encrypted. */
    name: encryptedText(),
    /** Encrypted: the address given with this inquiry (the lead takes it when it had none). */
    email: encryptedText(),
    /** What the person wrote: encrypted. */
    message: encryptedText(),
    preferredContact: text({ enum: PREFERRED_CONTACTS }),
    textConsent: integer({ mode: "boolean" }).notNull().default(false),
    at: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("lead_touch_lead_idx").on(t.leadId, t.at)],
);

/** Inquiries counted per address and per phone number (its blind index), in fixed windows, for the form's rate limits. */
export const inquiryThrottle = sqliteTable("inquiry_throttle", {
  key: text().primaryKey(),
  count: integer().notNull(),
  windowStartedAt: integer().notNull(),
});

/**
 * One text with a caller: theirs (received) or ours (queued, then the provider's delivery states).
 * One row per provider message id, so a retried webhook stores nothing twice.
 */
export const message = sqliteTable(
  "message",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: integer()
      .notNull()
      .references(() => lead.id, { onDelete: "cascade" }),
    lineId: integer()
      .notNull()
      .references(() => line.id),
    direction: text({ enum: MESSAGE_DIRECTIONS }).notNull(),
    /** What was said: clinical text like any other, encrypted. */
    body: encryptedText().notNull(),
    provider: text().notNull(),
    /** Null only between storing an outbound text and the provider accepting it. */
    providerMessageId: text(),
    status: text({ enum: MESSAGE_STATUSES }).notNull(),
    errorCode: text(),
    /** The template an outbound text was made from, if any. */
    template: text(),
    sentById: integer().references(() => user.id),
    /** An inbound text a coordinator has seen (opened the lead's conversation); null while unread. */
    readAt: integer({ mode: "timestamp_ms" }),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("message_provider_idx").on(t.provider, t.providerMessageId),
    index("message_lead_idx").on(t.leadId, t.createdAt),
    // The work queue's unread texts: only inbound ones not yet read.
    index("message_unread_idx")
      .on(t.createdAt)
      .where(sql`direction = 'inbound' and read_at is null`),
  ],
);

/** Every change of a lead's text consent: to what, how (screening answer, caller's reply), by whom, when. */
export const textConsentEvent = sqliteTable(
  "text_consent_event",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    leadId: integer()
      .notNull()
      .references(() => lead.id, { onDelete: "cascade" }),
    state: text({ enum: TEXT_CONSENT_STATES }).notNull(),
    source: text({ enum: TEXT_CONSENT_SOURCES }).notNull(),
    /** The coordinator who recorded a screening answer; null when the caller's own reply changed it. */
    actorId: integer().references(() => user.id),
    /** The reply keyword (STOP, START…) when a text changed it. */
    keyword: text(),
    at: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("text_consent_event_lead_idx").on(t.leadId, t.at)],
);

/**
 * A reminder text owed before a booked consult, stored so it survives a restart. The sender claims
 * a due one by moving it from `pending` to `sending` in one conditional update, so it goes out once.
 * A moved consult cancels its pending rows and gets new ones for the new time.
 */
export const textReminder = sqliteTable(
  "text_reminder",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    appointmentId: integer()
      .notNull()
      .references(() => appointment.id, { onDelete: "cascade" }),
    leadId: integer()
      .notNull()
      .references(() => lead.id, { onDelete: "cascade" }),
    /** Hours before the consult (48, 2 by default: REMINDER_HOURS). */
    hoursBefore: integer().notNull(),
    dueAt: integer({ mode: "timestamp_ms" }).notNull(),
    status: text({ enum: ["pending", "sending", "sent", "cancelled", "skipped"] })
      .notNull()
      .default("pending"),
    /** Why one was skipped (no consent, outside text hours, too late), in our words. */
    detail: text(),
    messageId: integer().references(() => message.id),
    claimedAt: integer({ mode: "timestamp_ms" }),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("text_reminder_appointment_idx").on(t.appointmentId, t.status),
    index("text_reminder_due_idx")
      .on(t.dueAt)
      .where(sql`status = 'pending'`),
  ],
);

export type Message = typeof message.$inferSelect;
export type TextConsentEvent = typeof textConsentEvent.$inferSelect;
export type TextReminder = typeof textReminder.$inferSelect;

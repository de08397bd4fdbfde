// Duplicate leads: finding the candidates for one lead, and merging one lead into another
// (docs/domain.md, "Duplicates and merging").
import { and, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import { DUPLICATE_REASONS, nameKey, type DuplicateReason, type LeadMergeInput, type SessionUser } from "@intake/domain";
import { AppError } from "../errors.ts";
import { getLeadRow } from "./lead.ts";
import { leadView } from "./views.ts";

const { lead, screening } = schema;

/** The most candidates one lead shows: more than this is a data problem for a manager, not a list to merge. */
const MAX_CANDIDATES = 20;

/** The date of birth of a lead's latest screening that has one (answers are encrypted: read through drizzle). */
function birthDates(db: Db, leadIds: number[]): Map<number, string> {
  const out = new Map<number, string>();
  if (!leadIds.length) return out;
  const rows = db
    .select({ leadId: screening.leadId, answers: screening.answers })
    .from(screening)
    .where(inArray(screening.leadId, leadIds))
    .orderBy(desc(screening.createdAt), desc(screening.id))
    .all();
  for (const r of rows) {
    if (out.has(r.leadId)) continue;
    const dob = (r.answers as { caller?: { dateOfBirth?: unknown } }).caller?.dateOfBirth;
    if (typeof dob === "string" && dob) out.set(r.leadId, dob);
  }
  return out;
}

export interface DuplicateCandidate {
  id: number;
  name: string | null;
  phone: string;
  status: (typeof lead.$inferSelect)["status"];
  createdAt: Date;
  reasons: DuplicateReason[];
}

/**
 * Other leads that may be the same person: the same phone number or email (matched through their
 * blind indexes, since both are encrypted), or the same name and date of birth (from the latest
 * screening of each). Leads already merged into another are not candidates.
 */
export function findDuplicates(db: Db, leadId: number): DuplicateCandidate[] {
  const me = getLeadRow(db, leadId);
  const open = and(ne(lead.id, me.id), isNull(lead.mergedIntoId));
  const key = nameKey(me.name);
  const sameContact = me.emailIndex
    ? sql`case when ${lead.phoneIndex} = ${me.phoneIndex} or ${lead.emailIndex} = ${me.emailIndex} then 0 else 1 end`
    : sql`case when ${lead.phoneIndex} = ${me.phoneIndex} then 0 else 1 end`;
  const matches = db
    .select({
      id: lead.id,
      name: lead.name,
      phone: lead.phone,
      status: lead.status,
      createdAt: lead.createdAt,
      phoneIndex: lead.phoneIndex,
      emailIndex: lead.emailIndex,
    })
    .from(lead)
    .where(
      and(
        open,
        or(
          eq(lead.phoneIndex, me.phoneIndex),
          me.emailIndex ? eq(lead.emailIndex, me.emailIndex) : undefined,
          // The name index is blind to the case of ASCII letters (SQLite's nocase); nameKey compares again below.
          me.name ? sql`${lead.name} = ${me.name.trim()} collate nocase` : undefined,
        ),
      ),
    )
    // Same phone or email first: however many newer namesakes there are, they cannot push those out of the limit.
    .orderBy(sameContact, desc(lead.createdAt), desc(lead.id))
    .limit(MAX_CANDIDATES * 5)
    .all();
  const sameName = matches.filter((m) => key !== null && nameKey(m.name) === key);
  const dobs = sameName.length ? birthDates(db, [me.id, ...sameName.map((m) => m.id)]) : new Map<number, string>();
  const myDob = dobs.get(me.id);
  const candidates: DuplicateCandidate[] = [];
  for (const m of matches) {
    const reasons = new Set<DuplicateReason>();
    if (m.phoneIndex === me.phoneIndex) reasons.add("phone");
    if (me.emailIndex && m.emailIndex === me.emailIndex) reasons.add("email");
    if (myDob && key !== null && nameKey(m.name) === key && dobs.get(m.id) === myDob) reasons.add("name_and_birth_date");
    if (!reasons.size) continue;
    candidates.push({
      id: m.id,
      name: m.name,
      phone: m.phone,
      status: m.status,
      createdAt: m.createdAt,
      reasons: DUPLICATE_REASONS.filter((r) => reasons.has(r)),
    });
    if (candidates.length === MAX_CANDIDATES) break;
  }
  return candidates;
}

// ---------------------------------------------------------------------------------------------
// Merging.

/**
 * What a merge does with the rows of every table that points at a lead, by `table.column` as SQLite
 * names them. Every foreign key to `lead` must be listed: a merge refuses to run on a database whose
 * schema has one that is not (and merge.test.ts fails), so a new table's rows are never left behind.
 * - `move`: every row goes to the survivor.
 * - `moveUnlessSurvivorHas`: rows go to the survivor unless it already has one with the same unique
 *   key (a checklist item, the treatment course); those stay with the merged lead as they were.
 * - `stay`: the rows describe the merged lead as it was elsewhere and stay with it (say why).
 */
export const MERGE_PLAN: Readonly<Record<string, "move" | "moveUnlessSurvivorHas" | "stay">> = {
  "lead_event.lead_id": "move",
  "call.lead_id": "move",
  "screening.lead_id": "move",
  "handoff.lead_id": "move",
  "clinical_note.lead_id": "move",
  "appointment.lead_id": "move",
  "task.lead_id": "move",
  // The website inquiries the person sent: their touches follow them (the survivor keeps its own first touch).
  "lead_touch.lead_id": "move",
  // The person's texts and the history of their consent follow them; the survivor keeps its own consent
  // state (it is about the survivor's number, which texts go to).
  "message.lead_id": "move",
  "text_consent_event.lead_id": "move",
  // A reminder belongs to its consult, which moves: it stays with the appointment's lead.
  "text_reminder.lead_id": "move",
  "checklist_item.lead_id": "moveUnlessSurvivorHas",
  "treatment_course.lead_id": "moveUnlessSurvivorHas",
  // What the EHR was sent under the merged lead's identifier: the record of those sends stays with it.
  "fhir_send.lead_id": "stay",
  // Leads merged into this one earlier now point at the survivor, so no chain of merges is left to follow.
  "lead.merged_into_id": "move",
};

/** Every `table.column` of the database that references `lead` (read from SQLite itself, not from our schema file). */
export function leadReferences(db: Db): { table: string; column: string }[] {
  const sqlite = db.$client;
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")
    .pluck()
    .all() as string[];
  const out: { table: string; column: string }[] = [];
  for (const table of tables) {
    const keys = sqlite.pragma(`foreign_key_list("${table.replace(/"/g, '""')}")`) as { table: string; from: string }[];
    for (const k of keys) if (k.table === "lead") out.push({ table, column: k.from });
  }
  return out.sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
}

/** The references the merge plan does not cover; none on a database a merge may run on. */
export function unplannedReferences(db: Db): string[] {
  return leadReferences(db)
    .map((r) => `${r.table}.${r.column}`)
    .filter((name) => !Object.hasOwn(MERGE_PLAN, name));
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Folds `mergedId` into `survivorId` in one transaction: every related row moves (MERGE_PLAN), the
 * survivor takes the contact details it lacks, and the merged lead is closed as `duplicate` with
 * `mergedIntoId` pointing at the survivor. A lead is merged once: a second merge of the same lead
 * (the same request sent twice, or two people at once) is refused with CONFLICT.
 */
export function mergeLeads(db: Db, input: LeadMergeInput, actor: SessionUser, now: Date) {
  const unplanned = unplannedReferences(db);
  if (unplanned.length) {
    // A schema newer than the merge: refuse rather than leave a patient's records on a closed lead.
    throw new AppError("CONFLICT", `Leads cannot be merged until the merge knows how to move ${unplanned.join(", ")}; nothing was changed.`);
  }
  const sqlite = db.$client;
  return db.transaction(
    () => {
      const survivor = getLeadRow(db, input.survivorId);
      const merged = getLeadRow(db, input.mergedId);
      if (merged.mergedIntoId !== null)
        throw new AppError("CONFLICT", `Lead #${merged.id} has already been merged into lead #${merged.mergedIntoId}; nothing was changed.`, "mergedId");
      if (survivor.mergedIntoId !== null) {
        throw new AppError("CONFLICT", `Lead #${survivor.id} was itself merged into lead #${survivor.mergedIntoId}: keep that one instead.`, "survivorId");
      }
      for (const [name, rule] of Object.entries(MERGE_PLAN)) {
        if (rule === "stay") continue;
        const [table, column] = name.split(".") as [string, string];
        // OR IGNORE skips exactly the rows whose unique key the survivor already holds.
        const verb = rule === "moveUnlessSurvivorHas" ? "update or ignore" : "update";
        sqlite.prepare(`${verb} ${quote(table)} set ${quote(column)} = ? where ${quote(column)} = ?`).run(survivor.id, merged.id);
      }
      // The survivor keeps its own details and takes those it lacks; a referral comes with what the patient authorised.
      db.update(lead)
        .set({
          ...(survivor.name ? {} : { name: merged.name }),
          ...(survivor.email || !merged.email ? {} : { email: merged.email, emailIndex: merged.emailIndex }),
          ...(survivor.referrerId !== null || merged.referrerId === null ? {} : { referrerId: merged.referrerId, mayUpdateReferrer: merged.mayUpdateReferrer }),
          urgent: survivor.urgent || merged.urgent,
          updatedAt: now,
        })
        .where(eq(lead.id, survivor.id))
        .run();
      db.insert(schema.leadEvent)
        .values({
          leadId: merged.id,
          fromStatus: merged.status,
          toStatus: "closed",
          actorId: actor.id,
          reason: input.reason,
          detail: `merged into lead ${survivor.id}`,
          at: now,
        })
        .run();
      db.update(lead)
        .set({ status: "closed", closedReason: "duplicate", mergedIntoId: survivor.id, urgent: false, updatedAt: now })
        .where(eq(lead.id, merged.id))
        .run();
      // Moved history and calls change both leads' funnel rows; the triggers do not watch a moved event.
      sqlite.prepare("insert or ignore into funnel_dirty (lead_id) values (?), (?)").run(survivor.id, merged.id);
      return { survivor: leadView(getLeadRow(db, survivor.id)), merged: leadView(getLeadRow(db, merged.id)) };
    },
    { behavior: "immediate" },
  );
}

// The pre-treatment checklist of a lead: a scheduler records requested and done; a clinician waives.
import { and, eq } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import {
  CHECKLIST_ITEMS,
  CHECKLIST_ITEM_LABELS,
  clinicDate,
  openChecklistItems,
  type ChecklistItem,
  type ChecklistStatus,
  type ChecklistUpdateInput,
  type ChecklistWaiveInput,
  type LeadStatus,
  type SessionUser,
} from "@intake/domain";
import { AppError } from "../errors.ts";
import { assertSchedulingAccess } from "./appointment/access.ts";
import { getLeadRow } from "./lead.ts";

const { checklistItem, user } = schema;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type DbOrTx = Db | Tx;

/** The checklist matters from the handoff until the course starts. */
const CHECKLIST_LEAD_STATUSES: readonly LeadStatus[] = ["handed_off", "scheduled", "consulted"];

function assertChecklistOpen(status: LeadStatus) {
  if (status === "closed") throw new AppError("BAD_REQUEST", "This lead is closed; its checklist cannot change.");
  if (status === "in_treatment") throw new AppError("BAD_REQUEST", "The treatment course has started; the checklist is closed.");
  if (!CHECKLIST_LEAD_STATUSES.includes(status)) {
    throw new AppError("BAD_REQUEST", `The checklist starts once a lead is handed to scheduling; this one is ${status}.`);
  }
}

/** Each item's status by item, `open` where no row exists. */
export function checklistStatuses(db: DbOrTx, leadId: number): Record<ChecklistItem, ChecklistStatus> {
  const rows = db.select({ item: checklistItem.item, status: checklistItem.status }).from(checklistItem).where(eq(checklistItem.leadId, leadId)).all();
  const out = { physical_exam: "open", lab_tests: "open", psych_eval: "open" } as Record<ChecklistItem, ChecklistStatus>;
  for (const r of rows) out[r.item] = r.status;
  return out;
}

/**
 * The three items with dates. A waiver's note is a clinician's reasoning, so a scheduler sees that
 * an item was waived and by whom, not why.
 */
export function checklistByLead(db: Db, leadId: number, actor: SessionUser) {
  assertSchedulingAccess(db, leadId, actor);
  getLeadRow(db, leadId);
  const rows = db
    .select({
      item: checklistItem.item,
      status: checklistItem.status,
      requestedOn: checklistItem.requestedOn,
      doneOn: checklistItem.doneOn,
      waivedNote: checklistItem.waivedNote,
      waivedBy: user.name,
      waivedAt: checklistItem.waivedAt,
      updatedAt: checklistItem.updatedAt,
    })
    .from(checklistItem)
    .leftJoin(user, eq(user.id, checklistItem.waivedById))
    .where(eq(checklistItem.leadId, leadId))
    .all();
  const mayReadNote = actor.role !== "scheduler";
  const items = CHECKLIST_ITEMS.map((item) => {
    const row = rows.find((r) => r.item === item);
    return {
      item,
      label: CHECKLIST_ITEM_LABELS[item],
      status: (row?.status ?? "open") as ChecklistStatus,
      requestedOn: row?.requestedOn ?? null,
      doneOn: row?.doneOn ?? null,
      waivedBy: row?.waivedBy ?? null,
      waivedAt: row?.waivedAt ?? null,
      waivedNote: mayReadNote ? (row?.waivedNote ?? null) : null,
      updatedAt: row?.updatedAt ?? null,
    };
  });
  const open = openChecklistItems(Object.fromEntries(items.map((i) => [i.item, i.status])));
  return { leadId, items, open, complete: open.length === 0 };
}

function existing(tx: Tx, leadId: number, item: ChecklistItem) {
  return tx
    .select()
    .from(checklistItem)
    .where(and(eq(checklistItem.leadId, leadId), eq(checklistItem.item, item)))
    .get();
}

/** Marks an item requested or done on a clinic date (not after today). A waived item stays waived. */
export function updateChecklist(db: Db, input: ChecklistUpdateInput, actor: SessionUser, now: Date) {
  db.transaction((tx) => {
    assertSchedulingAccess(tx, input.leadId, actor);
    const theLead = getLeadRow(db, input.leadId);
    assertChecklistOpen(theLead.status);
    if (input.on > clinicDate(now)) throw new AppError("BAD_REQUEST", "The date cannot be after today.");
    const row = existing(tx, theLead.id, input.item);
    if (row?.status === "waived") {
      throw new AppError("CONFLICT", `A clinician waived the ${CHECKLIST_ITEM_LABELS[input.item].toLowerCase()}; it needs no update.`);
    }
    const values =
      input.status === "requested"
        ? { status: "requested" as const, requestedOn: input.on, doneOn: null }
        : { status: "done" as const, doneOn: input.on, requestedOn: row?.requestedOn ?? null };
    if (row) {
      tx.update(checklistItem)
        .set({ ...values, updatedById: actor.id, updatedAt: now })
        .where(eq(checklistItem.id, row.id))
        .run();
    } else {
      tx.insert(checklistItem)
        .values({ leadId: theLead.id, item: input.item, ...values, updatedById: actor.id, createdAt: now, updatedAt: now })
        .run();
    }
  });
  return checklistByLead(db, input.leadId, actor);
}

/** A clinician waives an item for their patient, with a note; a done item needs no waiver. */
export function waiveChecklistItem(db: Db, input: ChecklistWaiveInput, actor: SessionUser, now: Date) {
  db.transaction((tx) => {
    assertSchedulingAccess(tx, input.leadId, actor);
    const theLead = getLeadRow(db, input.leadId);
    assertChecklistOpen(theLead.status);
    const row = existing(tx, theLead.id, input.item);
    const label = CHECKLIST_ITEM_LABELS[input.item].toLowerCase();
    if (row?.status === "done") throw new AppError("CONFLICT", `The ${label} is already done; there is nothing to waive.`);
    if (row?.status === "waived") throw new AppError("CONFLICT", `The ${label} is already waived.`);
    const values = { status: "waived" as const, waivedNote: input.note, waivedById: actor.id, waivedAt: now, updatedById: actor.id, updatedAt: now };
    if (row) tx.update(checklistItem).set(values).where(eq(checklistItem.id, row.id)).run();
    else
      tx.insert(checklistItem)
        .values({ leadId: theLead.id, item: input.item, ...values, createdAt: now })
        .run();
  });
  return checklistByLead(db, input.leadId, actor);
}

// The pre-treatment checklist: physical exam, lab tests and psychiatric evaluation, each requested, done or waived.
import { z } from "zod";
import { Id, plainText } from "../common.ts";
import { isIsoDate } from "../screening/dates.ts";

export const CHECKLIST_ITEMS = ["physical_exam", "lab_tests", "psych_eval"] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CHECKLIST_ITEM_LABELS: Record<ChecklistItem, string> = {
  physical_exam: "Physical exam",
  lab_tests: "Lab tests",
  psych_eval: "Psychiatric evaluation",
};

/** `open` is an item nobody has requested yet (it has no row); only a clinician waives. */
export const CHECKLIST_STATUSES = ["open", "requested", "done", "waived"] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];

export const CHECKLIST_STATUS_LABELS: Record<ChecklistStatus, string> = {
  open: "Not requested",
  requested: "Requested",
  done: "Done",
  waived: "Waived",
};

const item = z.enum(CHECKLIST_ITEMS, { message: `Item must be one of: ${CHECKLIST_ITEMS.join(", ")}` });

export const ChecklistByLeadInput = z.object({ leadId: Id });

export const ChecklistUpdateInput = z.object({
  leadId: Id,
  item,
  status: z.enum(["requested", "done"], { message: "Status must be requested or done" }),
  /** The clinic date it was requested or done. */
  on: z.string({ message: "Enter the date as YYYY-MM-DD" }).refine(isIsoDate, "Enter a real date as YYYY-MM-DD"),
});
export type ChecklistUpdateInput = z.infer<typeof ChecklistUpdateInput>;

export const ChecklistWaiveInput = z.object({
  leadId: Id,
  item,
  note: z
    .string({ message: "Write why" })
    .trim()
    .min(3, "Write a note saying why")
    .max(2000, "Note can be at most 2000 characters")
    .superRefine(plainText("Note", true)),
});
export type ChecklistWaiveInput = z.infer<typeof ChecklistWaiveInput>;

/** Items that keep a course from starting: anything neither done nor waived, in checklist order. */
export function openChecklistItems(statuses: Partial<Record<ChecklistItem, ChecklistStatus>>): ChecklistItem[] {
  return CHECKLIST_ITEMS.filter((i) => {
    const status = statuses[i] ?? "open";
    return status !== "done" && status !== "waived";
  });
}

/** "Physical exam (requested), lab tests (not requested)": the open items in words, for a refusal. */
export function describeOpenItems(statuses: Partial<Record<ChecklistItem, ChecklistStatus>>): string {
  return openChecklistItems(statuses)
    .map((i, n) => {
      const label = CHECKLIST_ITEM_LABELS[i];
      return `${n === 0 ? label : label.toLowerCase()} (${CHECKLIST_STATUS_LABELS[statuses[i] ?? "open"].toLowerCase()})`;
    })
    .join(", ");
}

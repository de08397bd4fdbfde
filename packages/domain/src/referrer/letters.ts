// The letters to a referring provider (docs/domain.md, "Referring providers"): what each says, and
// never more than the patient authorised (`mayUpdateReferrer`). Pure: the print page lays them out.
import { z } from "zod";
import { Id } from "../common.ts";
import { formatClinicMonthDay } from "../scheduling/clinicTime.ts";
import type { LeadStatus } from "../lead/lifecycle.ts";

export const REFERRAL_LETTERS = ["acknowledgement", "status"] as const;
export type ReferralLetterKind = (typeof REFERRAL_LETTERS)[number];

export const ReferralLetterInput = z.object({
  leadId: Id,
  kind: z.enum(REFERRAL_LETTERS, { message: `Letter must be one of: ${REFERRAL_LETTERS.join(", ")}` }),
});
export type ReferralLetterInput = z.infer<typeof ReferralLetterInput>;

/** The clinic's letterhead, as printed at the top of every letter. */
export const CLINIC_LETTERHEAD = {
  name: "Iris Healing Retreat",
  line: "TMS for chronic pain",
  phone: "(818) 805-2469",
} as const;

export interface LetterFacts {
  patientName: string | null;
  leadStatus: LeadStatus;
  mayUpdateReferrer: boolean;
  /** The latest consult booked for the patient, if any: when, and what became of it. */
  consult: { startsAt: Date; status: "booked" | "attended" | "no_show" | "cancelled" } | null;
}

export type Letter = { ready: true; subject: string; paragraphs: string[] } | { ready: false; why: string };

const SCHEDULED_OR_LATER: readonly LeadStatus[] = ["scheduled", "consulted", "in_treatment"];

/** What a letter says, or why it cannot be written yet. */
export function referralLetter(kind: ReferralLetterKind, facts: LetterFacts): Letter {
  const patient = facts.patientName ?? "your patient";
  if (kind === "acknowledgement") {
    if (!SCHEDULED_OR_LATER.includes(facts.leadStatus) || !facts.consult) {
      return { ready: false, why: "The acknowledgement is sent once the referred patient is scheduled: book the consult first." };
    }
    const paragraphs = [`Thank you for referring ${patient} to our clinic. We have received the referral.`];
    // Without the patient's authorisation the provider learns only that the referral arrived.
    if (facts.mayUpdateReferrer) {
      paragraphs.push(`${patient} is scheduled for a consultation on ${formatClinicMonthDay(facts.consult.startsAt, true)}.`);
    }
    paragraphs.push("Please call us if you have any questions about this referral.");
    return { ready: true, subject: "Referral received", paragraphs };
  }
  if (!facts.mayUpdateReferrer) {
    return { ready: false, why: "The patient has not agreed that we tell the referring provider how the referral went, so no status letter can be sent." };
  }
  if (facts.consult?.status !== "attended") {
    return { ready: false, why: "The status letter is sent once the consultation has taken place: record its outcome first." };
  }
  const paragraphs = [
    `Thank you again for referring ${patient}. ${patient} attended a consultation at our clinic on ${formatClinicMonthDay(facts.consult.startsAt, true)}.`,
  ];
  if (facts.leadStatus === "in_treatment") paragraphs.push(`${patient} has started a course of TMS treatment with us.`);
  paragraphs.push("We will keep you informed as the patient allows. Please call us if you have any questions.");
  return { ready: true, subject: "Consultation update", paragraphs };
}

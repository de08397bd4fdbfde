// Words the scheduling screens use for what the queue and the appointment rows carry.
import { PAYMENT_LABELS, SCREENING_RESULT_LABELS, type PaymentOption, type QueueNeed, type ScreeningResult } from "@intake/domain";

export function needsText(needs: QueueNeed, lastConsultStatus: "cancelled" | "no_show" | null): string {
  if (needs === "booking") return "Consult to book";
  if (lastConsultStatus === "no_show") return "Rebook after a no-show";
  if (lastConsultStatus === "cancelled") return "Rebook after a cancellation";
  return "Consult to rebook";
}

/** The scheduler's words for payment: the screening's own labels, and "Not asked" when there is no answer. */
export function paymentText(payment: PaymentOption | null): string {
  return payment ? PAYMENT_LABELS[payment] : "Not asked";
}

export function resultText(result: ScreeningResult | null): string {
  return result ? SCREENING_RESULT_LABELS[result] : "No completed screening";
}

export function voicemailText(ok: boolean | null): string {
  if (ok === null) return "Voicemail: not asked";
  return ok ? "Voicemail OK" : "No voicemail";
}

export function textsText(ok: boolean | null): string {
  if (ok === null) return "Texts: not asked";
  return ok ? "Texts OK" : "No texts";
}

// Calls the phone system reports by itself: a provider-neutral status, its order, and what each ending means.
import { ABANDONED_UNDER_SECONDS, type CallDirection, type CallOutcome } from "../call/call.ts";

/** Provider statuses mapped to ours; a provider module translates its own words into these. */
export const PROVIDER_CALL_STATUSES = ["queued", "ringing", "in_progress", "completed", "busy", "no_answer", "failed", "canceled"] as const;
export type ProviderCallStatus = (typeof PROVIDER_CALL_STATUSES)[number];

export type LiveCallState = "ringing" | "in_progress" | "ended";

export interface ProviderCallEvent {
  provider: string;
  /** The provider's id for the call: one call record per id, however often it reports. */
  providerCallId: string;
  direction: CallDirection;
  /** E.164 of the clinic's line and of the other party. */
  lineNumber: string;
  otherNumber: string;
  status: ProviderCallStatus;
  /** When the provider says this happened. */
  at: Date;
  /** Talk time the provider reports when the call ends. */
  durationSeconds?: number | undefined;
}

/** Later statuses never give way to earlier ones, so retries and out-of-order deliveries are harmless. */
export function statusRank(status: ProviderCallStatus): number {
  switch (status) {
    case "queued":
      return 0;
    case "ringing":
      return 1;
    case "in_progress":
      return 2;
    default:
      return 3;
  }
}

export function liveState(status: ProviderCallStatus): LiveCallState {
  if (status === "in_progress") return "in_progress";
  return statusRank(status) === 3 ? "ended" : "ringing";
}

/**
 * What an ended call was. `completed` means it was answered and then hung up: connected. Anything
 * else went unanswered: abandoned when the caller gave up within 15 seconds of ringing, else missed.
 */
export function endedOutcome(status: ProviderCallStatus, ringSeconds: number): CallOutcome {
  if (status === "completed") return "connected";
  return ringSeconds < ABANDONED_UNDER_SECONDS ? "abandoned" : "missed";
}

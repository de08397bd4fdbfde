// Words the screen uses for a call's direction (outcome labels come from the domain).
import type { CallDirection } from "@intake/domain";

export const DIRECTION_LABELS: Record<CallDirection, string> = {
  inbound: "Inbound",
  outbound: "Outbound",
};

// Words for where a handoff goes and who it came from.
import type { HandoffTarget } from "@intake/domain";

export const TARGET_LABELS: Record<HandoffTarget, string> = {
  scheduling: "Scheduling",
  clinical_pool: "Clinical pool",
  clinician: "A named clinician",
};

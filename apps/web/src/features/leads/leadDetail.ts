// What the lead page reads (lead.byId): the lead with its calls, history, handoffs and the moves open to the reader.
import type { RouterOutputs } from "../../api/trpc.ts";

export type LeadDetail = RouterOutputs["lead"]["byId"];

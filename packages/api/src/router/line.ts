// The clinic's phone lines, for choosing where a call came in.
import { capabilityProcedure, router } from "../trpc.ts";
import { listLines } from "../services/call.ts";

export const lineRouter = router({
  list: capabilityProcedure("line.read").query(({ ctx }) => listLines(ctx.db)),
});

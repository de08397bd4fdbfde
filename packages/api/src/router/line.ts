// The clinic's phone lines, for choosing where a call came in.
import { can, LineCreateInput, LineUpdateInput } from "@intake/domain";
import { capabilityProcedure, router } from "../trpc.ts";
import { createLine, listLines, updateLine } from "../services/call.ts";

export const lineRouter = router({
  list: capabilityProcedure("line.read").query(({ ctx }) => listLines(ctx.db, { withSecretRefs: can(ctx.user.role, "line.admin") })),
  create: capabilityProcedure("line.admin")
    .input(LineCreateInput)
    .mutation(({ ctx, input }) => createLine(ctx.db, input)),
  /** Texting on or off (`smsEnabled`): texts go out from and come in to lines that have it. */
  update: capabilityProcedure("line.admin")
    .input(LineUpdateInput)
    .mutation(({ ctx, input }) => updateLine(ctx.db, input)),
});

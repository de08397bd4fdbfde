// The clinic's phone lines, for choosing where a call came in.
import { can, LineCreateInput, LineUpdateInput } from "@intake/domain";
import { capabilityProcedure, router, write } from "../trpc.ts";
import { listLines } from "../services/call.ts";

export const lineRouter = router({
  list: capabilityProcedure("line.read").query(({ ctx }) => listLines(ctx.db, { withSecretRefs: can(ctx.user.role, "line.admin") })),
  create: capabilityProcedure("line.admin")
    .input(LineCreateInput)
    .mutation(({ ctx, input }) => write(ctx, "line.create", input)),
  /** Texting on or off (`smsEnabled`): texts go out from and come in to lines that have it. */
  update: capabilityProcedure("line.admin")
    .input(LineUpdateInput)
    .mutation(({ ctx, input }) => write(ctx, "line.update", input)),
});

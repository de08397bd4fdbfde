// The clinic's phone lines, for choosing where a call came in.
import { can, LineCreateInput } from "@intake/domain";
import { capabilityProcedure, router, write } from "../trpc.ts";
import { listLines } from "../services/call.ts";

export const lineRouter = router({
  list: capabilityProcedure("line.read").query(({ ctx }) => listLines(ctx.db, { withSecretRefs: can(ctx.user.role, "line.admin") })),
  create: capabilityProcedure("line.admin")
    .input(LineCreateInput)
    .mutation(({ ctx, input }) => write(ctx, "line.create", input)),
});

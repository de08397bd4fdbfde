// The stack's own ceiling, answering `POST /trpc/call.log` without touching a database. With
// CEILING=trpc (the default): fastify with tRPC's fastify adapter and superjson, as the server mounts
// them, and a procedure that validates nothing and returns a fixed answer; whatever the app does per
// call comes on top of this. With CEILING=fastify: a plain fastify route giving the same answer, to
// show how much of the ceiling is fastify's and how much tRPC's.
import { initTRPC } from "@trpc/server";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify from "fastify";
import superjson from "superjson";

const app = Fastify({ routerOptions: { maxParamLength: 5000 } });
if (process.env.CEILING === "fastify") {
  app.post("/trpc/call.log", async () => ({ result: { data: { json: { call: { id: 1 } } } } }));
} else {
  const t = initTRPC.create({ transformer: superjson });
  const router = t.router({ "call.log": t.procedure.mutation(() => ({ call: { id: 1 } })) });
  await app.register(fastifyTRPCPlugin, { prefix: "/trpc", trpcOptions: { router } });
}
app.get("/", async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
console.log("ceiling ready");
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));

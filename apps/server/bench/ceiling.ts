// The stack's own ceiling: fastify with tRPC's fastify adapter and superjson, as the server mounts
// them, serving `call.log` with a procedure that validates nothing, touches no database and returns
// a fixed answer. Whatever the app does per call comes on top of this.
import { initTRPC } from "@trpc/server";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify from "fastify";
import superjson from "superjson";

const t = initTRPC.create({ transformer: superjson });
const router = t.router({ "call.log": t.procedure.mutation(() => ({ call: { id: 1 } })) });

const app = Fastify({ routerOptions: { maxParamLength: 5000 } });
await app.register(fastifyTRPCPlugin, { prefix: "/trpc", trpcOptions: { router } });
app.get("/", async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
console.log("ceiling ready");
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));

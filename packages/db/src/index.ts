// The database package: schema, client, and the demo seed.
export * from "./client.ts";
export * as schema from "./schema.ts";
export { seedBase, seedDemo, DEMO_USERS, DEMO_PASSWORD } from "./seed.ts";

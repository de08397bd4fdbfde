// drizzle-kit reads the schema and writes SQL migrations into ./migrations (committed, never pushed).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/schema.ts",
  out: "./migrations",
  casing: "snake_case",
});

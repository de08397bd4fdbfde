// Compiles the server for production: one bundle per entry (the HTTP process, the CLI, and the
// database thread the server starts), with the workspace packages' TypeScript inlined, so `node`
// runs it with no TypeScript loader. Native modules stay external and load from node_modules.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    main: "src/main.ts",
    cli: "src/cli.ts",
    // The executor starts `thread.js` beside the bundle that imported it.
    thread: "../../packages/api/src/threads/thread.ts",
  },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  external: ["better-sqlite3", "@node-rs/argon2"],
  // Bundled CommonJS packages still call require() for Node's built-ins.
  banner: { js: `import { createRequire as __intakeRequire } from "node:module"; const require = __intakeRequire(import.meta.url);` },
  logLevel: "warning",
});

// Vite build and dev server for the dashboard; in development /trpc goes to the API server on :3000.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./build/precompress.ts";

/**
 * Libraries every screen needs get chunks of their own: they change less often than our code, so a
 * new release leaves them in the browser's cache. The charting library is not listed: it stays with
 * the funnel, the one screen that uses it.
 */
const VENDOR_CHUNKS: Record<string, readonly string[]> = {
  react: ["react", "react-dom", "scheduler"],
  router: ["react-router"],
  data: [
    "@tanstack/react-query",
    "@tanstack/query-core",
    "@trpc/client",
    "@trpc/server",
    "@trpc/tanstack-react-query",
    "superjson",
    "copy-anything",
    "is-what",
  ],
  zod: ["zod"],
  table: ["@tanstack/react-table", "@tanstack/table-core"],
};

function vendorChunk(id: string): string | undefined {
  const match = /[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  if (!match?.[1]) return undefined;
  const name = match[1].replace("\\", "/");
  return Object.entries(VENDOR_CHUNKS).find(([, packages]) => packages.includes(name))?.[0];
}

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: { "/trpc": "http://localhost:3000" },
  },
  build: {
    outDir: "dist",
    // Source maps would ship the whole source to every browser at the desk; the server serves dist as is.
    sourcemap: false,
    // Which chunks each screen imports (dist/.vite/manifest.json): the first-screen size test reads it.
    manifest: true,
    rollupOptions: { output: { manualChunks: vendorChunk } },
  },
});

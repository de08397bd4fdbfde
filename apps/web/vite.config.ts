// Vite build and dev server for the dashboard; in development /trpc goes to the API server on :3000.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/trpc": "http://localhost:3000" },
  },
  build: {
    outDir: "dist",
    // Source maps would ship the whole source to every browser at the desk; the server serves dist as is.
    sourcemap: false,
    // One bundle for a desk app loaded once a day; React, the router, zod and TanStack are most of it.
    chunkSizeWarningLimit: 800,
  },
});

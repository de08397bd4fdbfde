// The browser every tool here drives: Debian's Chromium where there is one (nothing can download
// Playwright's own build on these machines), with the flags that keep it off the closed network.
import { existsSync } from "node:fs";

export const CHROMIUM_PATH: string | undefined = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

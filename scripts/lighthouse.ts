// `pnpm lighthouse`: Lighthouse 12 on the built dashboard, served by the compiled server on a fresh demo
// database, for the sign-in page, the coordinator's home and the manager's funnel (signed in by cookie),
// with the desktop preset and the mobile one. Prints the median of LIGHTHOUSE_RUNS runs (default 3).
// LIGHTHOUSE_ONLY narrows it to pages or presets whose name holds that text ("funnel", "desktop").
// Chromium: CHROMIUM_PATH, else /usr/bin/chromium, else the one chrome-launcher finds.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Flags } from "lighthouse";
import { DEMO_PASSWORD } from "../packages/db/src/seed.ts";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../e2e/chromium.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const CHROME_FLAGS = [...CHROMIUM_FLAGS, "--disable-default-apps", "--disable-extensions"];

interface Page {
  name: string;
  path: string;
  /** Who is signed in; none for the sign-in page. */
  as?: string;
}
const PAGES: Page[] = [
  { name: "sign-in", path: "/sign-in" },
  { name: "coordinator home", path: "/", as: "coordinator@iris.test" },
  { name: "manager funnel", path: "/funnel", as: "manager@iris.test" },
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

async function waitHealthy(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`The server stopped (exit ${server.exitCode}) before it was ready; its error is above.`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The server at ${base} did not become healthy within 2 minutes.`);
}

async function sessionCookie(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1" },
    body: JSON.stringify({ json: { email, password: DEMO_PASSWORD } }),
  });
  if (!res.ok) throw new Error(`Signing in as ${email} answered ${res.status}.`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Figures {
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  jsKb: number;
}

async function measure(url: string, preset: "desktop" | "mobile", cookie: string | undefined, port: number): Promise<Figures> {
  const flags: Flags = {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  };
  const result = await lighthouse(url, flags, preset === "desktop" ? desktopConfig : undefined);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.message}`);
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const scripts = (lhr.audits["resource-summary"]?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined)?.items ?? [];
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    lcpMs: audit("largest-contentful-paint"),
    tbtMs: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"),
    jsKb: (scripts.find((item) => item.resourceType === "script")?.transferSize ?? 0) / 1024,
  };
}

const dir = mkdtempSync(join(tmpdir(), "intake-lighthouse-"));
const port = await freePort();
const base = `http://localhost:${port}`;
const server = spawn(process.execPath, ["apps/server/dist/main.js"], {
  cwd: root,
  env: { ...process.env, INTAKE_DB: join(dir, "intake.sqlite"), PORT: String(port), NODE_ENV: "development", URGENT_ACK_MINUTES: "120" },
  stdio: ["ignore", "ignore", "inherit"],
});
const chromePath = CHROMIUM_PATH;
let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
  await waitHealthy(base, server);
  chrome = await chromeLauncher.launch({ chromeFlags: CHROME_FLAGS, ...(chromePath ? { chromePath } : {}) });
  const rows: string[] = [];
  const only = process.env.LIGHTHOUSE_ONLY;
  for (const preset of ["desktop", "mobile"] as const) {
    for (const page of PAGES) {
      if (only && !page.name.includes(only) && preset !== only) continue;
      const runs: Figures[] = [];
      for (let i = 0; i < RUNS; i++) {
        // A fresh session per run: each run starts signed in, whatever the one before did.
        const cookie = page.as ? await sessionCookie(base, page.as) : undefined;
        runs.push(await measure(`${base}${page.path}`, preset, cookie, chrome.port));
      }
      const pick = (key: keyof Figures) => median(runs.map((run) => run[key]));
      const row = `| ${page.name} | ${preset} | ${pick("performance")} | ${pick("accessibility")} | ${(pick("lcpMs") / 1000).toFixed(1)} s | ${Math.round(pick("tbtMs"))} ms | ${pick("cls").toFixed(3)} | ${Math.round(pick("jsKb"))} kB |`;
      console.log(row);
      rows.push(row);
    }
  }
  console.log(`\nLighthouse 12, median of ${RUNS} run(s):\n`);
  console.log("| page | preset | performance | accessibility | LCP | TBT | CLS | JS transferred |\n|---|---|---|---|---|---|---|---|");
  console.log(rows.join("\n"));
} finally {
  await chrome?.kill();
  if (server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  rmSync(dir, { recursive: true, force: true });
}

// Crash proof: start the server, log calls from many clients at once, SIGKILL it mid-load, restart,
// and check that every call the server acknowledged is still there. Prints the figures.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));

interface Options {
  cycles: number;
  concurrency: number;
  /** How long load runs before the kill, in ms. */
  killAfterMs: number;
  port: number;
}

async function waitHealthy(base: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not become healthy");
}

function start(dbPath: string, port: number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    env: { ...process.env, INTAKE_DB: dbPath, PORT: String(port), NODE_ENV: "test", DEMO_LEADS: "0", WEB_DIST: "/nonexistent" },
    stdio: "ignore",
  });
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1" },
    body: JSON.stringify({ json: { email: "coordinator@iris.test", password: "demo-password-1" } }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

export async function crashTest(opts: Options) {
  const dir = mkdtempSync(join(tmpdir(), "intake-crash-"));
  const dbPath = join(dir, "crash.sqlite");
  const base = `http://127.0.0.1:${opts.port}`;
  let acknowledged = 0;
  let lost = 0;
  const perCycle: { acknowledged: number; lost: number }[] = [];
  const children: ChildProcess[] = [];
  const launch = () => {
    const child = start(dbPath, opts.port);
    children.push(child);
    return child;
  };
  try {
    for (let cycle = 1; cycle <= opts.cycles; cycle++) {
      const server = launch();
      await waitHealthy(base);
      const cookie = await signIn(base);
      const acked: number[] = [];
      let running = true;
      let n = 0;
      const client = async () => {
        while (running) {
          const i = n++;
          try {
            const res = await fetch(`${base}/trpc/call.log`, {
              method: "POST",
              headers: { "content-type": "application/json", "x-intake-csrf": "1", cookie },
              body: JSON.stringify({
                json: {
                  direction: "inbound",
                  otherNumber: `(213) 555-${String(1000 + (i % 9000)).padStart(4, "0")}`,
                  startedAt: new Date().toISOString(),
                  durationSeconds: 30,
                  outcome: "connected",
                },
              }),
            });
            if (res.ok) {
              const body = (await res.json()) as { result: { data: { json: { call: { id: number } } } } };
              acked.push(body.result.data.json.call.id);
            }
          } catch {
            // the connection died with the server: not acknowledged
          }
        }
      };
      const clients = Array.from({ length: opts.concurrency }, client);
      await new Promise((r) => setTimeout(r, opts.killAfterMs));
      server.kill("SIGKILL");
      await new Promise((r) => server.once("exit", r));
      running = false;
      await Promise.all(clients);

      // Restart (recovery runs on open) and count what survived.
      const again = launch();
      await waitHealthy(base);
      again.kill("SIGTERM");
      await new Promise((r) => again.once("exit", r));
      const db = new Database(dbPath, { readonly: true });
      const present = new Set(db.prepare("select id from call").pluck().all() as number[]);
      db.close();
      const missing = acked.filter((id) => !present.has(id)).length;
      acknowledged += acked.length;
      lost += missing;
      perCycle.push({ acknowledged: acked.length, lost: missing });
    }
  } finally {
    // Never leave a server behind, whatever failed.
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
  return { cycles: opts.cycles, acknowledged, lost, perCycle };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cycles = Number(process.argv[2] ?? 20);
  const result = await crashTest({ cycles, concurrency: 16, killAfterMs: 1500, port: 3300 });
  for (const [i, c] of result.perCycle.entries()) console.log(`cycle ${i + 1}: ${c.acknowledged} acknowledged, ${c.lost} lost`);
  console.log(`${result.cycles} cycles: ${result.acknowledged} calls acknowledged, ${result.lost} lost`);
  process.exitCode = result.lost === 0 ? 0 : 1;
}

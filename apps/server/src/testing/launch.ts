// Starts the server the way a person does (`pnpm start` from the repository root, as its own
// process) and watches it from outside: its output, its port, its exit.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { REPO_ROOT } from "../env.ts";

export interface Launched {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs a command from the repository root with exactly these variables added to a clean environment. */
export function launch(command: string[], env: Record<string, string>, input?: string, opts: { detached?: boolean } = {}): Launched {
  // Only what a shell would have: none of the test runner's own variables leak into the server.
  // CI and CHROMIUM_PATH are in turbo's hash of every task: kept, the build `pnpm start` runs is the one already made.
  const inherited = Object.fromEntries(["CI", "CHROMIUM_PATH"].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
  const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", TURBO_TELEMETRY_DISABLED: "1", ...inherited };
  const child = spawn(command[0]!, command.slice(1), {
    cwd: REPO_ROOT,
    env: { ...base, ...env },
    detached: opts.detached ?? false,
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (input !== undefined) child.stdin!.end(input);
  let out = "";
  child.stdout!.on("data", (b: Buffer) => void (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => void (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

export const pnpmStart = (env: Record<string, string>) => launch(["pnpm", "start"], env);
/** `pnpm intake …`, the command line as an operator runs it. */
export const pnpmIntake = (args: string[], env: Record<string, string>, input?: string) => launch(["pnpm", "intake", ...args], env, input);

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Waits until `url` answers 2xx, or the process exits (then fails with its output). */
export async function waitReady(url: string, server: Launched, timeoutMs = 90_000): Promise<void> {
  let gone = false;
  void server.exited.then(() => (gone = true));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (gone) throw new Error(`The server exited before it was ready:\n${server.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The server was not ready within ${timeoutMs} ms:\n${server.output()}`);
}

/** True while something accepts connections on the port. */
export async function listening(host: string, port: number): Promise<boolean> {
  try {
    await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/** The process ids whose parent is `pid` (from /proc). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The node process serving under a launcher: the launcher's descendant whose command line runs the server's entry. */
export function serverPid(launcher: number): number | null {
  const queue = [launcher];
  while (queue.length) {
    const pid = queue.shift()!;
    if (cmdline(pid).some((a) => a.endsWith("main.js") || a.endsWith("main.ts"))) return pid;
    queue.push(...childrenOf(pid));
  }
  return null;
}

export function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

export async function signIn(base: string, email: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1", ...headers },
    body: JSON.stringify({ json: { email, password } }),
  });
}

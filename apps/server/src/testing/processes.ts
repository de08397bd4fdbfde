// The server and the command line as real processes, for tests that meet them the way an operator does.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SERVER_DIR = fileURLToPath(new URL("../..", import.meta.url));

export interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  /** INTAKE_DB and anything else on top of a quiet test environment. */
  env: Record<string, string>;
  /** Run as this user and group id (through setpriv), e.g. 65534 so file permissions apply to the process. */
  uid?: number;
}

function launch(script: string, args: string[], { env, uid }: ProcessOptions) {
  const node = [process.execPath, "--import", "tsx", script, ...args];
  const [command, ...rest] = uid === undefined ? node : ["setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", ...node];
  const child = spawn(command!, rest, {
    cwd: SERVER_DIR,
    env: { ...process.env, NODE_ENV: "test", DEMO_LEADS: "0", WEB_DIST: "/nonexistent", PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<Exited>((done) => child.on("exit", (code) => done({ code, ...out })));
  return { child, out, exited };
}

/** `pnpm intake <args>`, to its end. */
export function runCli(args: string[], options: ProcessOptions): Promise<Exited> {
  return launch("src/cli.ts", args, options).exited;
}

/** The server when it is expected to refuse to start: its exit, or a failure if it starts listening. */
export async function serverExit(options: ProcessOptions, timeoutMs = 20_000): Promise<Exited> {
  const { child, exited } = launch("src/main.ts", [], options);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const result = await exited;
  clearTimeout(timer);
  return result;
}

export interface RunningServer {
  base: string;
  pid: number;
  /** SIGTERM, then its exit. */
  stop(): Promise<Exited>;
}

/** Starts the server and waits until it answers; fails with what it printed if it exits first. */
export async function startServer(options: ProcessOptions, timeoutMs = 30_000): Promise<RunningServer> {
  const { child, out, exited } = launch("src/main.ts", [], options);
  const until = Date.now() + timeoutMs;
  let ended: Exited | null = null;
  void exited.then((e) => (ended = e));
  while (Date.now() < until) {
    if (ended) throw new Error(`The server exited (${String((ended as Exited).code)}) before answering: ${(ended as Exited).stderr}`);
    const base = /running at (http:\/\/\S+)/.exec(out.stdout)?.[1];
    if (base) return { base, pid: child.pid!, stop: () => (child.kill("SIGTERM"), exited) };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`The server did not start in ${timeoutMs} ms: ${out.stderr}`);
}

/** A tRPC call over HTTP as the dashboard makes it. */
export async function trpc(
  base: string,
  path: string,
  json: unknown,
  cookie?: string,
): Promise<{ status: number; body: { result?: { data: { json: unknown } }; error?: { json: { message: string } } }; cookie: string }> {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json }),
  });
  return { status: res.status, body: (await res.json()) as never, cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]! };
}

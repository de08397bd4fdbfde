// A real server on a fresh SQLite file, with a clock tests can move, and raw tRPC calls over HTTP as a person.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUser, hashPassword, totpCode, totpStep } from "@intake/api";
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD, openDb, seedBase, seedDemo, type Db, type OpenedDb } from "@intake/db";
import { buildApp, type AppOptions } from "../app.ts";

/** What one call answered: the HTTP status, the decoded data (superjson's `json`) or the error. */
export interface Answer {
  status: number;
  data: unknown;
  error: { message: string; code: string } | null;
}

export interface Call {
  (path: string, input?: unknown): Promise<Answer>;
  /** What auth.signIn answered for this session. */
  signedIn: Answer;
  /** The first data event of a live stream (SSE) opened with this session. */
  firstEvent(path: string): Promise<unknown>;
}

export interface TestServer {
  db: Db & OpenedDb;
  base: string;
  clock: { now: Date; advanceDays(days: number): void };
  /** Signs in (the admin with its authenticator code) and returns a caller with that session. */
  signIn(email: string): Promise<Call>;
  /** Adds a person with the demo password (e.g. a second clinician). */
  addUser(email: string, name: string, role: "clinician" | "coordinator"): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(opts: { demoLeads?: number; fhirBaseUrl?: string; telephony?: AppOptions["telephony"] } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "intake-http-"));
  const db = openDb({ path: join(dir, "intake.sqlite") });
  seedBase(db);
  seedDemo(db, { passwordHash: await hashPassword(DEMO_PASSWORD), leadCount: opts.demoLeads ?? 0 });
  const clock = {
    now: new Date(),
    advanceDays(days: number) {
      this.now = new Date(this.now.getTime() + days * 86_400_000);
    },
  };
  // As the server runs: requests read on a read-only connection, so a procedure that wrote anywhere
  // but through the writer (ctx.writes) would fail here.
  const reads = openDb({ path: join(dir, "intake.sqlite"), migrate: false, readonly: true });
  const app = await buildApp({ db, reads, webDist: join(dir, "none"), now: () => clock.now, fhirBaseUrl: opts.fhirBaseUrl, telephony: opts.telephony });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });

  const request = async (path: string, input: unknown, cookie: string | null) => {
    const res = await fetch(`${base}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-intake-csrf": "1", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(input === undefined ? {} : { json: input }),
    });
    const body = (await res.json()) as { result?: { data?: { json?: unknown } }; error?: { json: { message: string; data: { code: string } } } };
    const answer: Answer = {
      status: res.status,
      data: body.result?.data?.json,
      error: body.error ? { message: body.error.json.message, code: body.error.json.data.code } : null,
    };
    return { answer, setCookie: res.headers.get("set-cookie") };
  };

  return {
    db,
    base,
    clock,
    async signIn(email) {
      const code = email.startsWith("admin@") ? { code: totpCode(DEMO_ADMIN_TOTP_SECRET, totpStep(clock.now)) } : {};
      const { answer, setCookie } = await request("auth.signIn", { email, password: DEMO_PASSWORD, ...code }, null);
      if (answer.status !== 200 || !setCookie) throw new Error(`sign-in as ${email} answered ${answer.status}: ${answer.error?.message}`);
      const cookie = setCookie.split(";")[0]!;
      const call = async (path: string, input?: unknown) => (await request(path, input, cookie)).answer;
      return Object.assign(call, { signedIn: answer, firstEvent: (path: string) => firstEvent(base, path, cookie) });
    },
    async addUser(email, name, role) {
      await createUser(db, { email, name, role, password: DEMO_PASSWORD });
    },
    async close() {
      await app.close();
      reads.$client.close();
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The data of a call that must succeed; a refusal fails the test with its path, code and message. */
export async function ok<T = Record<string, unknown>>(answer: Promise<Answer>, what = "call"): Promise<T> {
  const a = await answer;
  if (a.status !== 200) throw new Error(`${what} answered ${a.status} ${a.error?.code}: ${a.error?.message}`);
  return a.data as T;
}

/** Reads a live stream until its first `data:` line and closes it; the data as sent (superjson's `json`). */
async function firstEvent(base: string, path: string, cookie: string): Promise<unknown> {
  const ac = new AbortController();
  const res = await fetch(`${base}/trpc/${path}`, { headers: { accept: "text/event-stream", cookie }, signal: ac.signal });
  const reader = res.body!.getReader();
  let text = "";
  try {
    for (;;) {
      const line = text.split("\n").find((l) => l.startsWith("data:"));
      if (line) return (JSON.parse(line.slice(5)) as { json?: unknown }).json ?? JSON.parse(line.slice(5));
      const { value, done } = await reader.read();
      if (done) throw new Error(`${path} ended before sending anything`);
      text += new TextDecoder().decode(value);
    }
  } finally {
    ac.abort();
  }
}

/** Signs in with the demo password over HTTP and returns the session cookie (`name=value`) to send. */
export async function sessionCookie(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1" },
    body: JSON.stringify({ json: { email, password: DEMO_PASSWORD } }),
  });
  if (res.status !== 200) throw new Error(`Signing in as ${email} answered ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

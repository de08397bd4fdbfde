// A fresh migrated SQLite file per test file, one signed-in caller per role, and a clock tests can move.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCError } from "@trpc/server";
import { openDb, schema, seedBase, type Db } from "@intake/db";
import { ROLES, type LeadStatus, type Role } from "@intake/domain";
import { eq } from "drizzle-orm";
import { DEFAULT_ALERT_SETTINGS, type AlertSettings, type Context } from "../context.ts";
import { createCaller } from "../root.ts";
import { IntakeEvents } from "../events.ts";
import { inlineReports, inlineWrites, type ReportExecutor, type WriteExecutor } from "../threads/executor.ts";
import { hashPassword } from "../services/password.ts";
import type { TextSender } from "../services/messaging.ts";
import { totpCode, totpStep } from "../services/totp.ts";

export const TEST_PASSWORD = "test-password-123";
/** Admins sign in with a second factor; the test admin's authenticator secret. */
export const TEST_ADMIN_TOTP = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/** The code the test admin's authenticator shows at an instant. */
export const adminCode = (at: Date) => totpCode(TEST_ADMIN_TOTP, totpStep(at));

export interface Harness {
  db: Db;
  auditKey: Buffer;
  events: IntakeEvents;
  /** The server's settings every caller sees; a test may change them. */
  settings: AlertSettings;
  writes: WriteExecutor;
  reports: ReportExecutor;
  clock: { now: Date; advanceMinutes(minutes: number): void; advanceSeconds(seconds: number): void };
  /** What every caller's context says FHIR_BASE_URL is; tests point it at a stand-in EHR. */
  fhir: { baseUrl: string | null };
  /** The telephony provider's sending side every caller's context uses; tests put a stand-in here. */
  texting: { sender: TextSender | null };
  /** A caller with its own cookie jar; sign it in with `signIn`. */
  anonymous(ip?: string): { caller: ReturnType<typeof createCaller>; jar: { token: string | null; idleMs: number | null } };
  /**
   * A caller signed in as that role whose live streams end on `stop()` (as when the browser closes
   * the tab); signing out through `caller` ends the session its streams hold (as another tab would).
   */
  live(role: Exclude<Role, "admin">): Promise<{ caller: ReturnType<typeof createCaller>; stop(): void }>;
  /**
   * A caller already signed in as the demo user of that role. The admin's code works once, so a
   * second admin sign-in within one 30-second step first moves the clock on to the next code.
   */
  as(role: Role): Promise<ReturnType<typeof createCaller>>;
  userId(role: Role): number;
  /** Arranges a lead in a status directly, for tests about what follows it. */
  forceStatus(leadId: number, status: LeadStatus): void;
  close(): void;
}

let passwordHash: Promise<string> | undefined;

export async function createHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "intake-api-"));
  const db = openDb({ path: join(dir, "test.sqlite") });
  seedBase(db);
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const ids = new Map<Role, number>();
  for (const role of ROLES) {
    const row = db
      .insert(schema.user)
      .values({ email: `${role}@iris.test`, name: `Test ${role}`, role, passwordHash: hash, totpSecret: role === "admin" ? TEST_ADMIN_TOTP : null })
      .returning({ id: schema.user.id })
      .get();
    ids.set(role, row.id);
  }
  const clock = {
    now: new Date("2026-11-25T18:00:00.000Z"),
    advanceMinutes(minutes: number) {
      this.now = new Date(this.now.getTime() + minutes * 60_000);
    },
    advanceSeconds(seconds: number) {
      this.now = new Date(this.now.getTime() + seconds * 1000);
    },
  };
  const fhir: Harness["fhir"] = { baseUrl: null };
  const texting: Harness["texting"] = { sender: null };
  const events = new IntakeEvents();
  const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS };
  const writes = inlineWrites(db);
  const reports = inlineReports(db);
  const anonymous = (ip = "127.0.0.1", signal?: AbortSignal) => {
    const jar: { token: string | null; idleMs: number | null } = { token: null, idleMs: null };
    const ctx: Context = {
      db,
      writes,
      reports,
      now: () => clock.now,
      ip,
      events,
      settings,
      audit: { actor: null },
      get clientIdleMs() {
        return jar.idleMs;
      },
      get fhirBaseUrl() {
        return fhir.baseUrl;
      },
      get texts() {
        return texting.sender;
      },
      cookie: {
        get token() {
          return jar.token;
        },
        set: (token) => void (jar.token = token),
        clear: () => void (jar.token = null),
      },
    };
    return { caller: createCaller(ctx, signal ? { signal } : {}), jar };
  };
  return {
    db,
    auditKey: db.keys.audit,
    events,
    settings,
    writes,
    reports,
    clock,
    fhir,
    texting,
    anonymous: (ip) => anonymous(ip),
    async live(role) {
      const ac = new AbortController();
      const { caller } = anonymous("127.0.0.1", ac.signal);
      await caller.auth.signIn({ email: `${role}@iris.test`, password: TEST_PASSWORD });
      return { caller, stop: () => ac.abort() };
    },
    async as(role) {
      const { caller } = anonymous();
      if (role === "admin") {
        // As a person would: wait for the authenticator to show a code that has not signed in yet.
        const used =
          db
            .select({ step: schema.user.totpLastStep })
            .from(schema.user)
            .where(eq(schema.user.id, ids.get("admin") ?? -1))
            .get()?.step ?? null;
        while (used !== null && totpStep(clock.now) <= used) clock.advanceSeconds(30);
      }
      await caller.auth.signIn({ email: `${role}@iris.test`, password: TEST_PASSWORD, ...(role === "admin" ? { code: adminCode(clock.now) } : {}) });
      return caller;
    },
    userId(role) {
      const id = ids.get(role);
      if (id === undefined) throw new Error(`no ${role}`);
      return id;
    },
    forceStatus(leadId, status) {
      db.update(schema.lead).set({ status }).where(eq(schema.lead.id, leadId)).run();
    },
    close() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The tRPC code a promise rejects with (fails the test if it resolves or throws something else). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  throw new Error("expected the call to be refused, but it succeeded");
}

/** The refusal itself, to read its message and field errors. */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to be refused, but it succeeded");
}

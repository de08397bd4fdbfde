// Every procedure × every role and anonymous, against the expected table in matrix.ts, and the audit
// entry each call leaves (audit/policy.ts).
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@intake/domain";
import { AUDIT_POLICY } from "../audit/policy.ts";
import { appRouter } from "../root.ts";
import { createHarness, type Harness } from "../testing/harness.ts";
import { ACCESS_MATRIX, type Expectation } from "./matrix.ts";

type AnyCaller = Record<string, (input?: unknown) => Promise<unknown>>;

let h: Harness;
const callers = new Map<Role | "anonymous", AnyCaller>();

beforeAll(async () => {
  h = await createHarness();
  // The router's callers are typed per path; here every path is called by name, so one loose type serves.
  callers.set("anonymous", h.anonymous("198.51.100.1").caller as unknown as AnyCaller);
  for (const role of ROLES) callers.set(role, (await h.as(role)) as unknown as AnyCaller);
});
afterAll(() => h.close());

const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();

function allowed(e: Expectation, who: Role | "anonymous"): boolean {
  if (e.who === "anyone") return true;
  if (who === "anonymous") return false;
  return e.who === "signed_in" || e.who.includes(who);
}

async function outcome(caller: AnyCaller, path: string, input: unknown): Promise<string> {
  try {
    await caller[path]!(input);
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

const auditCount = () => h.db.$client.prepare("select count(*) from audit_entry").pluck().get() as number;
const lastAudit = () =>
  h.db.$client.prepare("select action, actor_role as role, outcome from audit_entry order by seq desc limit 1").get() as {
    action: string;
    role: string | null;
    outcome: string;
  };

describe("authorization matrix", () => {
  it("lists every procedure of the router, and only those", () => {
    expect(Object.keys(ACCESS_MATRIX).sort()).toEqual(procedures);
    expect(Object.keys(AUDIT_POLICY).sort()).toEqual(procedures);
  });

  for (const path of procedures) {
    it(`${path}: refuses whoever the table refuses, and audits every call that touches patient data`, async () => {
      const e = ACCESS_MATRIX[path];
      expect(e, `${path} is missing from access/matrix.ts`).toBeDefined();
      for (const who of ["anonymous", ...ROLES] as const) {
        // Signing out would end the shared session the other procedures need, so it gets its own.
        const caller = path === "auth.signOut" && who !== "anonymous" ? ((await h.as(who)) as unknown as AnyCaller) : callers.get(who)!;
        const before = auditCount();
        const code = await outcome(caller, path, e!.sample);
        if (e!.answers?.includes(code)) {
          // The procedure's own answer to this sample (a wrong password), not an access refusal.
        } else if (!allowed(e!, who)) {
          expect(code, `${who} calling ${path}`).toBe(who === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN");
        } else if (who !== "anonymous" && e!.perRow?.includes(who)) {
          expect(["UNAUTHORIZED"], `${who} calling ${path}`).not.toContain(code);
        } else {
          expect(["FORBIDDEN", "UNAUTHORIZED", "INTERNAL_SERVER_ERROR"], `${who} calling ${path} got ${code}`).not.toContain(code);
        }
        const policy = AUDIT_POLICY[path];
        expect(auditCount() - before, `audit entries for ${who} calling ${path}`).toBe(policy ? 1 : 0);
        if (policy) {
          const entry = lastAudit();
          expect(entry.action).toBe(path);
          expect(entry.role).toBe(who === "anonymous" || path === "auth.signIn" ? null : who);
          expect(entry.outcome).toBe(code === "OK" ? "ok" : code === "FORBIDDEN" || code === "UNAUTHORIZED" ? "denied" : "failed");
        }
      }
    });
  }
});

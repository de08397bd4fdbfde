// 10,000 generated bad inputs across the API: every answer is a typed client error, never a server error,
// and what was stored stays within its bounds: the audit trail holds ids, never what was sent.
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "@intake/db";
import { FAQ_IDS, ROLES, type Role } from "@intake/domain";
import { AUDIT_FIELD_MAX } from "../audit/log.ts";
import { createHarness, type Harness } from "../testing/harness.ts";
import { ACCESS_MATRIX } from "./matrix.ts";

type AnyCaller = Record<string, (input?: unknown) => Promise<unknown>>;

const CLIENT_CODES = new Set(["BAD_REQUEST", "NOT_FOUND", "CONFLICT", "FORBIDDEN", "UNAUTHORIZED", "TOO_MANY_REQUESTS", "PARSE_ERROR"]);
const TOTAL = 10_000;

let h: Harness;
const callers = new Map<Role, AnyCaller>();
beforeAll(async () => {
  h = await createHarness();
  for (const role of ROLES) callers.set(role, (await h.as(role)) as unknown as AnyCaller);
});
afterAll(() => h.close());

// Subscriptions stream forever and sign-in is throttled by design; both are covered elsewhere.
const targets = Object.entries(ACCESS_MATRIX).filter(
  ([path]) => !path.endsWith(".onInbox") && !path.endsWith(".onChange") && !path.endsWith(".onLive") && path !== "auth.signIn" && path !== "auth.signOut",
);

/** Nasty values: wrong types, huge and negative numbers, long and hostile strings, odd dates. */
const nasty = fc.oneof(
  fc.anything(),
  fc.constantFrom(null, undefined, NaN, Infinity, -1, 0, 2 ** 53, -(2 ** 31), "", " ", "'; drop table lead; --", "%_\\", "\u0000", "💥".repeat(300)),
  fc.string({ maxLength: 5000 }),
  fc.integer(),
  fc.double(),
  fc.date({ noInvalidDate: false }),
  fc.array(fc.anything(), { maxLength: 20 }),
);

/** Every string inside a generated input, so the test can look for them in what was stored. */
function stringsIn(value: unknown, into: Set<string>, depth = 0): void {
  if (typeof value === "string") into.add(value);
  else if (value && typeof value === "object" && depth < 6) {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      stringsIn(inner, into, depth + 1);
    }
  }
}

/**
 * A recorded id list as the audit policy writes one: `12`, `lead:7,12,15`, cut with `,…`; or one of
 * the clinic's answers by its word id (`how-long`), which the schema only accepts from a fixed list.
 */
const RECORD_IDS = /^(?:[a-z]+:)?\d+(?:,(?:[a-z]+:)?\d+)*(?:,…)?$/;
const isRecordId = (value: string) => RECORD_IDS.test(value) || FAQ_IDS.includes(value);

/** A sample input with one field replaced by something nasty, a field added, or thrown away whole. */
function badInputs(sample: unknown) {
  const obj = sample && typeof sample === "object" ? (sample as Record<string, unknown>) : {};
  const keys = Object.keys(obj);
  return fc.oneof(
    nasty,
    keys.length ? fc.record({ key: fc.constantFrom(...keys), value: nasty }).map(({ key, value }) => ({ ...obj, [key]: value })) : nasty,
    fc.record({ key: fc.string({ maxLength: 20 }), value: nasty }).map(({ key, value }) => ({ ...obj, [key]: value })),
    fc.dictionary(fc.string({ maxLength: 10 }), nasty, { maxKeys: 6 }),
  );
}

describe("fuzzing the API", () => {
  it(`answers ${TOTAL} generated bad inputs with client errors only`, async () => {
    const perProcedure = Math.ceil(TOTAL / targets.length);
    const auditRows = () => h.db.$client.prepare("select count(*) from audit_entry").pluck().get() as number;
    const auditBefore = auditRows();
    const sent = new Set<string>();
    let calls = 0;
    const codes: Record<string, number> = {};
    for (const [path, expectation] of targets) {
      const role: Role = Array.isArray(expectation.who) ? (expectation.who[0] as Role) : "coordinator";
      const caller = callers.get(role)!;
      await fc.assert(
        fc.asyncProperty(badInputs(expectation.sample), async (input) => {
          calls++;
          stringsIn(input, sent);
          try {
            await caller[path]!(input);
            codes.OK = (codes.OK ?? 0) + 1;
          } catch (error) {
            if (!(error instanceof TRPCError)) throw new Error(`${path} threw a non-tRPC error`);
            codes[error.code] = (codes[error.code] ?? 0) + 1;
            if (!CLIENT_CODES.has(error.code)) throw new Error(`${path} answered ${error.code}: ${error.message}`);
          }
        }),
        { numRuns: perProcedure },
      );
    }
    expect(calls).toBeGreaterThanOrEqual(TOTAL);
    expect(codes.INTERNAL_SERVER_ERROR ?? 0).toBe(0);
    expect(codes.BAD_REQUEST).toBeGreaterThan(TOTAL / 2);

    // The audit trail: at most one bounded entry per request, holding ids and never text that was sent.
    const audit = h.db
      .select()
      .from(schema.auditEntry)
      .all()
      .filter((row) => row.seq > auditBefore);
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.length).toBeLessThanOrEqual(calls);
    const longSent = [...sent].filter((text) => text.length > AUDIT_FIELD_MAX.ip);
    for (const row of audit) {
      expect(row.action.length).toBeLessThanOrEqual(AUDIT_FIELD_MAX.action);
      expect(
        targets.some(([path]) => path === row.action),
        `unexpected audit action ${row.action.slice(0, 80)}`,
      ).toBe(true);
      expect((row.recordType ?? "").length).toBeLessThanOrEqual(AUDIT_FIELD_MAX.recordType);
      expect((row.ip ?? "").length).toBeLessThanOrEqual(AUDIT_FIELD_MAX.ip);
      if (row.recordId !== null) {
        expect(row.recordId.length).toBeLessThanOrEqual(AUDIT_FIELD_MAX.recordId);
        expect(isRecordId(row.recordId), `audit entry ${row.seq} (${row.action}) records something other than ids: ${row.recordId.slice(0, 80)}`).toBe(true);
      }
      const stored = [row.action, row.actorRole, row.recordType, row.recordId, row.ip].filter((v): v is string => v !== null).join("\n");
      const leaked = longSent.find((text) => stored.includes(text));
      expect(leaked === undefined, `audit entry ${row.seq} (${row.action}) holds ${leaked?.length}-character text that was sent`).toBe(true);
    }

    // Leads, calls and tasks written by the inputs that were accepted stay within the schemas' bounds.
    for (const lead of h.db.select().from(schema.lead).all()) {
      expect((lead.name ?? "").length).toBeLessThanOrEqual(200);
      expect((lead.source ?? "").length).toBeLessThanOrEqual(100);
      expect((lead.email ?? "").length).toBeLessThanOrEqual(254);
    }
    for (const call of h.db.select().from(schema.call).all()) expect((call.notes ?? "").length).toBeLessThanOrEqual(4000);
    for (const task of h.db.select().from(schema.task).all()) expect((task.note ?? "").length).toBeLessThanOrEqual(2000);
  }, 120_000);
});

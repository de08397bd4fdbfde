// 10,000 generated bad inputs across the API: every answer is a typed client error, never a server error.
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@intake/domain";
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
const targets = Object.entries(ACCESS_MATRIX).filter(([path]) => !path.endsWith(".onInbox") && !path.endsWith(".onChange") && !path.endsWith(".onLive") && path !== "auth.signIn" && path !== "auth.signOut");

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

/** A sample input with one field replaced by something nasty, a field added, or thrown away whole. */
function badInputs(sample: unknown) {
  const obj = sample && typeof sample === "object" ? (sample as Record<string, unknown>) : {};
  const keys = Object.keys(obj);
  return fc.oneof(
    nasty,
    keys.length
      ? fc.record({ key: fc.constantFrom(...keys), value: nasty }).map(({ key, value }) => ({ ...obj, [key]: value }))
      : nasty,
    fc.record({ key: fc.string({ maxLength: 20 }), value: nasty }).map(({ key, value }) => ({ ...obj, [key]: value })),
    fc.dictionary(fc.string({ maxLength: 10 }), nasty, { maxKeys: 6 }),
  );
}

describe("fuzzing the API", () => {
  it(`answers ${TOTAL} generated bad inputs with client errors only`, async () => {
    const perProcedure = Math.ceil(TOTAL / targets.length);
    let calls = 0;
    const codes: Record<string, number> = {};
    for (const [path, expectation] of targets) {
      const role: Role = Array.isArray(expectation.who) ? (expectation.who[0] as Role) : "coordinator";
      const caller = callers.get(role)!;
      await fc.assert(
        fc.asyncProperty(badInputs(expectation.sample), async (input) => {
          calls++;
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
  }, 120_000);
});

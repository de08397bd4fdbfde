import fc from "fast-check";
import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isoString, serializeAnswer } from "./wire.ts";

/**
 * What a serializer wrote, as the wire carries it and a client parses it, or what it threw. (The
 * order of superjson's annotations is not compared: each names its own path, and superjson puts
 * index-like keys of one level first.)
 */
function outcome(serialize: (value: unknown) => unknown, value: unknown): { wire: unknown } | { threw: string } {
  try {
    return { wire: JSON.parse(JSON.stringify(serialize(value))) as unknown };
  } catch (error) {
    return { threw: (error as Error).message };
  }
}

// Keys that need escaping in a path, that look like indexes, that superjson refuses, or that are empty.
const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("a.b", "\\", "a\\.b", ".", "", "0", "10", "createdAt", "__proto__", "constructor", "prototype"),
);
const leaf = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.date({ noInvalidDate: false }),
  fc.date({ min: new Date("1990-01-01T00:00:00.000Z"), max: new Date("2040-01-01T00:00:00.000Z") }),
  fc.bigInt(),
  fc.constantFrom(new Map([["a", 1]]), new Set([1]), /x/g, new Error("e")),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("object"), tie("array"), tie("shared")),
  object: fc.oneof(fc.dictionary(key, tie("value"), { maxKeys: 5 }), fc.dictionary(key, tie("value"), { maxKeys: 5, noNullPrototype: false })),
  array: fc.oneof(fc.array(tie("value"), { maxLength: 5 }), fc.sparseArray(tie("value"), { maxLength: 5 })),
  // The same object twice: superjson writes down that they are one.
  shared: tie("value").map((inner) => ({ first: inner, again: inner })),
}));

describe("serializeAnswer", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes what superjson writes, as a client reads it, or throws what it throws, for any value", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(outcome(serializeAnswer, v)).toEqual(outcome((x) => superjson.serialize(x), v));
      }),
      { numRuns: 3000 },
    );
  });

  it("is read back by superjson as the value it was given", () => {
    const answer = {
      items: [{ id: 1, name: "A. Caller", createdAt: new Date("2026-03-01T08:00:00.000Z"), lastTouch: null, callbackDue: undefined, "a.b": [new Date(0)] }],
      total: 1,
    };
    expect(superjson.deserialize(serializeAnswer(answer))).toEqual(answer);
  });

  it("walks a page of plain rows itself, without superjson's walk", () => {
    const walked = vi.spyOn(superjson, "serialize");
    const row = (id: number) => ({ id, name: null, status: "new", createdAt: new Date(1_700_000_000_000 + id), counts: { calls: 2 }, tags: ["x"] });
    const page = { items: [row(1), row(2), row(3)], total: 3 };
    expect(serializeAnswer(page).meta?.values).toEqual({ "items.0.createdAt": ["Date"], "items.1.createdAt": ["Date"], "items.2.createdAt": ["Date"] });
    expect(walked).not.toHaveBeenCalled();
    // A value it does not know goes to superjson.
    serializeAnswer({ at: new Map() });
    expect(walked).toHaveBeenCalledTimes(1);
  });
});

describe("isoString", () => {
  it("is Date's toISOString for every time, years 0 to 9999 formatted here and the rest by Date", () => {
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true }),
        fc.date({ min: new Date("0000-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }),
        (any, common) => {
          expect(isoString(any)).toBe(any.toISOString());
          expect(isoString(common)).toBe(common.toISOString());
        },
      ),
      { numRuns: 20000 },
    );
  });
});

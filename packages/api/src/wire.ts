// What an answer looks like on the wire: superjson's format, which the dashboard and any tRPC client
// with superjson read back. superjson's own walk was 15 % of the request thread's time on a page of
// leads (a path array and a map entry for every value); answers are plain data (objects, arrays,
// strings, numbers, dates), so they take one pass here that writes what superjson would (its
// annotations in depth-first order, where superjson puts a level's index-like keys first: each names
// its own path, so the order means nothing), and anything else goes to superjson itself.
import superjson from "superjson";

type Serialized = ReturnType<typeof superjson.serialize>;
type Annotation = ["Date"] | ["undefined"];

/** Thrown inside the walk: this value needs superjson's own (a Map, a BigInt, a repeated object, NaN...). */
const NOT_PLAIN: unique symbol = Symbol("not plain");

/** A key as superjson writes it in a path: backslashes and dots escaped. */
const escapeKey = (key: string) => (key.includes("\\") || key.includes(".") ? key.replace(/\\/g, "\\\\").replace(/\./g, "\\.") : key);

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

/** `date.toISOString()` for years 0 to 9999, in a third of its time (it was half of this walk's). */
export function isoString(date: Date): string {
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) return date.toISOString();
  return `${year < 1000 ? String(year).padStart(4, "0") : year}-${TWO[date.getUTCMonth() + 1]}-${TWO[date.getUTCDate()]}T${TWO[date.getUTCHours()]}:${TWO[date.getUTCMinutes()]}:${TWO[date.getUTCSeconds()]}.${THREE[date.getUTCMilliseconds()]}Z`;
}

/** Keys superjson refuses (a prototype pollution risk): it throws, and so does the fallback. */
const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** The path of `key` under the prefix `at` (the parent's path and a dot, or nothing at the top). */
const pathOf = (at: string, key: string | number) => at + (typeof key === "number" ? String(key) : escapeKey(key));

/** One value under `at` + `key` (no key: the top); the path is built only where it is written down or walked into. */
function walk(value: unknown, at: string, key: string | number | null, values: Record<string, Annotation>, seen: Set<object>): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // NaN, ±Infinity and -0 carry an annotation of their own.
      if (!Number.isFinite(value) || Object.is(value, -0)) throw NOT_PLAIN;
      return value;
    case "undefined":
      values[pathOf(at, key!)] = ["undefined"];
      return null;
    case "object": {
      if (value === null) return null;
      // superjson notes every object met twice (referentialEqualities); that is its to write.
      if (seen.has(value)) throw NOT_PLAIN;
      seen.add(value);
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw NOT_PLAIN;
        values[pathOf(at, key!)] = ["Date"];
        return isoString(value);
      }
      const inner = key === null ? "" : `${pathOf(at, key)}.`;
      if (Array.isArray(value)) {
        const out: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw NOT_PLAIN;
          out.push(walk(value[i], inner, i, values, seen));
        }
        return out;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
      const out: Record<string, unknown> = {};
      for (const name of Object.keys(value)) {
        if (REFUSED_KEYS.has(name)) throw NOT_PLAIN;
        out[name] = walk((value as Record<string, unknown>)[name], inner, name, values, seen);
      }
      return out;
    }
    default:
      throw NOT_PLAIN;
  }
}

/** `superjson.serialize(value)`: the same output (annotations aside, in order), in one pass for plain data. */
export function serializeAnswer(value: unknown): Serialized {
  // A date or undefined at the top is annotated differently (and costs nothing to hand over).
  if (value === null || typeof value !== "object" || value instanceof Date) return superjson.serialize(value);
  const values: Record<string, Annotation> = {};
  let json: unknown;
  try {
    json = walk(value, "", null, values, new Set());
  } catch (error) {
    if (error === NOT_PLAIN) return superjson.serialize(value);
    throw error;
  }
  // superjson writes `meta` only when something is annotated.
  return Object.keys(values).length > 0 ? { json: json as Serialized["json"], meta: { values, v: 1 } } : { json: json as Serialized["json"] };
}

// Answer paths ("pain.durationMonths", "pain.peg.average", "wellbeing.phq9[8]"): the one notation
// that rules, the form and missingFields use to name a stored answer.

export type PathSegment = string | number;

const SEGMENT = /^([A-Za-z][A-Za-z0-9]*)(?:\[(\d+)\])?$/;

/** Splits a path into keys and array indexes; throws on a malformed path (a programming error). */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of path.split(".")) {
    const m = SEGMENT.exec(part);
    if (!m || m[1] === undefined) throw new Error(`Malformed answer path: ${path}`);
    segments.push(m[1]);
    if (m[2] !== undefined) segments.push(Number(m[2]));
  }
  return segments;
}

/** The value at `path`, or undefined when any step along it is missing. Own properties only. */
export function getAtPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of parsePath(path)) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return undefined;
      current = (current as unknown[])[segment];
    } else {
      if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

/**
 * An answer is given when its value is neither missing nor null. Null is how a draft holds an
 * unanswered PHQ-9 or GAD-7 item once the questionnaire has been offered.
 */
export function isAnswered(value: unknown, path: string): boolean {
  const found = getAtPath(value, path);
  return found !== undefined && found !== null;
}

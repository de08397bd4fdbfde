// Typed text inside SQL patterns: searches match what was typed, never a wildcard hidden in it.

/** Escapes LIKE's wildcards (and the escape character) so `%`, `_` and `\` match themselves; use with `escape '\'`. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

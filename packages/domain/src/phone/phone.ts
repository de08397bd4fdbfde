// US phone numbers: parse any common written form into E.164 and show E.164 in national format.

const NANP_E164 = /^\+1([2-9]\d{2})([2-9]\d{2})(\d{4})$/;

/**
 * Normalizes a North American number written any common way — "(818) 805-2469", "818.805.2469",
 * "1-818-805-2469", "+1 818 805 2469", "8188052469" — to E.164 (`+18188052469`).
 * Returns null for anything that is not a valid NANP number (area code and exchange cannot start
 * with 0 or 1), so callers decide how to report it.
 */
export function toE164(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) {
    if (!digits.startsWith("1")) return null;
    digits = digits.slice(1);
  } else if (digits.length === 11 && digits.startsWith("1")) {
    digits = digits.slice(1);
  }
  if (digits.length !== 10) return null;
  const e164 = `+1${digits}`;
  return NANP_E164.test(e164) ? e164 : null;
}

/** `+18188052469` → `(818) 805-2469`; anything else is returned unchanged. */
export function formatNational(e164: string): string {
  const m = NANP_E164.exec(e164);
  if (!m) return e164;
  return `(${m[1]}) ${m[2]}-${m[3]}`;
}

/**
 * The digits a search box holds when someone types part of a phone number ("805-24", "(818) 8"),
 * or null when the text is not number-like (then it is a name search).
 */
export function phoneSearchDigits(query: string): string | null {
  const q = query.trim();
  if (!/^[+\d\s().\-/]+$/.test(q)) return null;
  let digits = q.replace(/\D/g, "");
  if (q.startsWith("+1") || (digits.length === 11 && digits.startsWith("1"))) digits = digits.slice(1);
  return digits.length >= 3 ? digits : null;
}

/**
 * Phone numbers are stored encrypted and found through blind indexes of the whole number and of its
 * last 7 and last 4 digits, so only searches of those lengths can match a number.
 */
export const PHONE_SEARCH_LENGTHS: readonly number[] = [4, 7, 10];

/** Number-like search text that no stored number can match, e.g. "555-04": the screen says why. */
export function isPartialPhoneSearch(query: string): boolean {
  const digits = phoneSearchDigits(query);
  return digits !== null && !PHONE_SEARCH_LENGTHS.includes(digits.length);
}

// The National Provider Identifier: ten digits whose last is a Luhn check digit computed over the
// nine before it with the prefix 80840 in front (CMS, "Requirements for Check Digit", 45 CFR 162.406).

/** The card-issuer prefix the NPI standard puts before the nine digits when it computes the check digit. */
export const NPI_PREFIX = "80840";

/** The Luhn check digit of a string of digits (the digit to append so the whole passes Luhn). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Doubling starts from the right-most digit of the payload, since the check digit will follow it.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a string is a valid NPI: exactly ten digits, the last the check digit of 80840 + the first nine. */
export function isValidNpi(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  return luhnCheckDigit(NPI_PREFIX + value.slice(0, 9)) === Number(value[9]);
}

/**
 * Luhn (ISO/IEC 7812-1 Annex B, "mod 10 double-add-double") check digit, as used by payment
 * card numbers and many other identifiers.
 */

/** Sum contribution of a doubled digit: 2d, minus 9 when it has two digits. */
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/**
 * Whether `digits` (ASCII digits only, at least 2: a body and its check digit) passes the Luhn
 * check. Never throws; false for anything else.
 */
export function luhnValid(digits: string, start = 0, end = digits.length): boolean {
  if (end - start < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = end - 1; i >= start; i--) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    sum += double ? DOUBLED[d] : d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * The Luhn check digit to append to `body` (ASCII digits, may be empty).
 * @throws RangeError when `body` holds a non-digit.
 */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  // The check digit will sit at the right, undoubled, so the body's last digit is doubled.
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    const d = body.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError('luhnCheckDigit: body must be ASCII digits');
    sum += double ? DOUBLED[d] : d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

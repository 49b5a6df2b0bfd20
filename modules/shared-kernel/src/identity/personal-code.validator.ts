/** Outcome of {@link validatePersonalCode}; `code` values are stable error codes. */
export type PersonalCodeResult =
  | {
      valid: true;
      /** 'DDMMYY-NNNNN', always with the hyphen. */
      normalized: string;
      format: 'legacy' | 'new';
      /** YYYY-MM-DD; legacy codes only (new codes carry no birth date). */
      birthDate?: string;
    }
  | {
      valid: false;
      code: 'PERSONAL_CODE.INVALID_FORMAT' | 'PERSONAL_CODE.INVALID_DATE' | 'PERSONAL_CODE.INVALID_CHECKSUM';
    };

const SHAPE = /^(\d{6})-?(\d{5})$/;
const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Validates a Latvian personas kods, legacy (DDMMYY-CNNNK) or new (3[2-9]…, no checksum). */
export function validatePersonalCode(input: string): PersonalCodeResult {
  const match = SHAPE.exec(input.replace(/\s+/g, ''));
  if (!match) return { valid: false, code: 'PERSONAL_CODE.INVALID_FORMAT' };
  const digits = match[1] + match[2];
  const normalized = `${match[1]}-${match[2]}`;

  // PMLP: new codes are random digits after "3" + [2-9]; a legacy code starting with 3 has day 30/31.
  if (/^3[2-9]/.test(digits)) return { valid: true, normalized, format: 'new' };

  const birthDate = legacyBirthDate(digits);
  if (!birthDate) return { valid: false, code: 'PERSONAL_CODE.INVALID_DATE' };
  if (legacyCheckDigit(digits) !== Number(digits[10])) {
    return { valid: false, code: 'PERSONAL_CODE.INVALID_CHECKSUM' };
  }
  return { valid: true, normalized, format: 'legacy', birthDate };
}

export function isValidPersonalCode(input: string): boolean {
  return validatePersonalCode(input).valid;
}

/** Keeps only the first six digits, for logs and UI: '161175-*****'. */
export function maskPersonalCode(input: string): string {
  const match = SHAPE.exec(input.replace(/\s+/g, ''));
  return match ? `${match[1]}-*****` : '******-*****';
}

function legacyBirthDate(digits: string): string | null {
  const century = Number(digits[6]);
  if (century > 2) return null;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const year = 1800 + century * 100 + Number(digits.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? date.toISOString().slice(0, 10) : null;
}

// A remainder of 10 maps to 0, as python-stdnum and the Java library do (PMLP publishes no spec).
function legacyCheckDigit(digits: string): number {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  return ((((1101 - sum) % 11) + 11) % 11) % 10;
}

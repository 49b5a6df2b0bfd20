/** Outcome of {@link validateCompanyRegistrationNumber}; `code` values are stable error codes. */
export type CompanyRegistrationNumberResult =
  | { valid: true; normalized: string }
  | { valid: false; code: 'REG_NO.INVALID_FORMAT' | 'REG_NO.INVALID_CHECKSUM' };

const WEIGHTS = [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1];

/** Validates a legal entity's Enterprise Register number (11 digits, first digit > 3, mod-11 check). */
export function validateCompanyRegistrationNumber(input: string): CompanyRegistrationNumberResult {
  const digits = input.replace(/\s+/g, '');
  // Numbers starting 0–3 are natural persons' codes, not legal entities.
  if (!/^[4-9]\d{10}$/.test(digits)) return { valid: false, code: 'REG_NO.INVALID_FORMAT' };
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  if (sum % 11 !== 3) return { valid: false, code: 'REG_NO.INVALID_CHECKSUM' };
  return { valid: true, normalized: digits };
}

export function isValidCompanyRegistrationNumber(input: string): boolean {
  return validateCompanyRegistrationNumber(input).valid;
}

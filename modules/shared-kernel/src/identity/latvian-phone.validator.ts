export type LatvianPhoneKind = 'mobile' | 'landline' | 'toll_free';

const KINDS: Record<string, LatvianPhoneKind> = { '2': 'mobile', '6': 'landline', '8': 'toll_free' };

/**
 * Returns the E.164 form '+371XXXXXXXX', or null. Accepts 8 national digits starting with
 * 2 (mobile), 6 (landline) or 8 (toll-free), optionally prefixed by +371 or 00371;
 * spaces, hyphens, dots and parentheses are ignored.
 */
export function normalizeLatvianPhone(input: string): string | null {
  const compact = input.replace(/[\s\-.()]/g, '');
  const match = /^(?:\+371|00371)?([268]\d{7})$/.exec(compact);
  return match ? `+371${match[1]}` : null;
}

export function isValidLatvianPhone(input: string): boolean {
  return normalizeLatvianPhone(input) !== null;
}

export function latvianPhoneKind(input: string): LatvianPhoneKind | null {
  const normalized = normalizeLatvianPhone(input);
  return normalized ? KINDS[normalized[4]] : null;
}

const POSTCODE = /^LV-\d{4}$/;

/** Strict check of the canonical form 'LV-1234'. */
export function isValidLatvianPostcode(input: string): boolean {
  return POSTCODE.test(input);
}

/** Accepts 'LV-1050', 'lv 1050', 'LV1050' or '1050' and returns 'LV-1050'; null if not a postcode. */
export function normalizeLatvianPostcode(input: string): string | null {
  const match = /^(?:LV[\s-]?)?(\d{4})$/i.exec(input.trim());
  return match ? `LV-${match[1]}` : null;
}

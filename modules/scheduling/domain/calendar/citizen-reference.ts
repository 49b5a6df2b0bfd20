import { calendarError } from './calendar-errors';

/**
 * Who the consultation is for, as little as the specialist needs: a name and a masked personal
 * code, both optional. Never a full personal code, phone or address.
 */
export interface CitizenReference {
  name?: string;
  /** e.g. '123456-*****'; at most six digits shown. */
  maskedCode?: string;
}

/** Trims the fields; throws BOOKING.UNMASKED_PERSONAL_CODE for a code that is not masked. */
export function citizenReference(input: CitizenReference): CitizenReference {
  const name = input.name?.trim();
  const maskedCode = input.maskedCode?.trim();
  if (maskedCode !== undefined && maskedCode !== '' && !isMasked(maskedCode)) throw calendarError('BOOKING.UNMASKED_PERSONAL_CODE', { field: 'citizen.maskedCode' });
  return { ...(name && { name }), ...(maskedCode && { maskedCode }) };
}

const isMasked = (code: string): boolean => code.includes('*') && (code.match(/\d/g)?.length ?? 0) <= 6;

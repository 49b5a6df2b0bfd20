import { DateTime } from 'luxon';
import { invalid } from '@modules/shared-kernel';

const MAX_RANGE_DAYS = 92;

/** Defaults to this week in Riga; refuses impossible dates and ranges over 92 days. */
export function openingHoursRange(from: string | undefined, to: string | undefined, now: Date): { from: string; to: string } {
  const start = from ? DateTime.fromISO(from, { zone: 'Europe/Riga' }) : DateTime.fromJSDate(now, { zone: 'Europe/Riga' }).startOf('day');
  const end = to ? DateTime.fromISO(to, { zone: 'Europe/Riga' }) : start.plus({ days: 6 });
  const field = (name: string, lv: string, en: string) => invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', [{ field: name, code: 'invalid_range', messageLv: lv, messageEn: en }]);
  if (!start.isValid) throw field('from', 'Nederīgs datums', 'Invalid date');
  if (!end.isValid) throw field('to', 'Nederīgs datums', 'Invalid date');
  const days = end.diff(start, 'days').days;
  if (days < 0) throw field('to', 'Beigu datums ir pirms sākuma', 'Ends before it starts');
  if (days > MAX_RANGE_DAYS) throw field('to', `Periods nedrīkst pārsniegt ${MAX_RANGE_DAYS} dienas`, `The range may not exceed ${MAX_RANGE_DAYS} days`);
  return { from: start.toISODate()!, to: end.toISODate()! };
}

import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { DateTime } from 'luxon';
import { isUuid, type LatvianCalendar } from '@modules/shared-kernel';
import { GetCentreOpeningRangesQuery } from '../../contracts';
import { Centre } from '../../domain/centre';
import { MAX_OPENING_HOURS_RANGE_DAYS, openingHoursForRange } from '../../domain/opening-hours';
import { NETWORK_CALENDAR } from '../network-calendar';

const RIGA = 'Europe/Riga';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Local wall-clock 'HH:mm' (or '24:00') on a date in Riga → UTC ISO instant. Built from the parts
 * directly (not parse → startOf → set: the slot search asks for a month of a centre's hours on
 * every request, and this was most of its time).
 */
function toUtc(date: string, hhmm: string): string {
  const key = `${date}T${hhmm}`;
  let utc = utcCache.get(key);
  if (utc === undefined) {
    if (utcCache.size >= UTC_CACHE_SIZE) utcCache.clear();
    utc = computeUtc(date, hhmm);
    utcCache.set(key, utc);
  }
  return utc;
}

/** toUtc is a pure function of (date, time) and searches ask for the same month again and again: remembered. */
const UTC_CACHE_SIZE = 20_000;
const utcCache = new Map<string, string>();

function computeUtc(date: string, hhmm: string): string {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const [year, month, day] = date.split('-').map(Number);
  if (hours === 24) return new Date(DateTime.fromObject({ year, month, day }, { zone: RIGA }).plus({ days: 1 }).toMillis()).toISOString();
  const local = DateTime.fromObject({ year, month, day, hour: hours, minute: minutes }, { zone: RIGA });
  // A wall-clock time the October change repeats is its first occurrence (summer time).
  const earlier = DateTime.fromMillis(local.toMillis() - 3_600_000, { zone: RIGA });
  const repeated = earlier.offset !== local.offset && earlier.hour === hours && earlier.minute === minutes;
  return new Date(repeated ? earlier.toMillis() : local.toMillis()).toISOString();
}

@QueryHandler(GetCentreOpeningRangesQuery)
export class GetCentreOpeningRangesHandler implements IQueryHandler<GetCentreOpeningRangesQuery> {
  constructor(
    private readonly em: EntityManager,
    @Inject(NETWORK_CALENDAR) private readonly calendar: LatvianCalendar,
  ) {}

  async execute(q: GetCentreOpeningRangesQuery): Promise<Array<{ start: string; end: string }>> {
    if (!isUuid(q.centreId) || !ISO_DATE.test(q.fromDate) || !ISO_DATE.test(q.toDate) || q.fromDate > q.toDate) return [];
    const days = DateTime.fromISO(q.toDate).diff(DateTime.fromISO(q.fromDate), 'days').days + 1;
    if (!(days >= 1 && days <= MAX_OPENING_HOURS_RANGE_DAYS)) return [];
    const centre = await this.em.fork().findOne(Centre, { id: q.centreId });
    if (!centre || centre.status !== 'active') return [];
    return openingHoursForRange(centre.openingHours, q.fromDate, q.toDate, this.calendar).flatMap((day) =>
      day.closed ? [] : day.intervals.map((interval) => ({ start: toUtc(day.date, interval.from), end: toUtc(day.date, interval.to) })),
    );
  }
}

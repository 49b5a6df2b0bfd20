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

/** Local wall-clock 'HH:mm' (or '24:00') on a date in Riga → UTC ISO instant. */
function toUtc(date: string, hhmm: string): string {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const midnight = DateTime.fromISO(date, { zone: RIGA }).startOf('day');
  const local = hours === 24 ? midnight.plus({ days: 1 }) : midnight.set({ hour: hours, minute: minutes });
  return local.toUTC().toISO({ suppressMilliseconds: false }) ?? '';
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

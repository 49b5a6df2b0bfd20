import { DomainError } from '@modules/shared-kernel';
import { availabilityRanges, wallClockIntervalsOn } from './availability-ranges';
import { availabilitySchedule } from './availability-schedule';
import { aSchedule, EVERY_DAY, iso, LATVIA, z } from './calendar.fixture';
import type { HolidayCalendar } from './holiday-calendar';

const NO_HOLIDAYS: HolidayCalendar = { isDayOffByCalendar: () => false, isShortenedDay: () => false };

describe('availabilityRanges', () => {
  it('turns the weekly rules into UTC ranges, the lunch break left out (winter, UTC+2)', () => {
    const ranges = availabilityRanges(aSchedule('anna'), z('2026-03-09T00:00'), z('2026-03-11T00:00'), LATVIA);
    expect(iso(ranges)).toEqual(['2026-03-09T07:00–10:00', '2026-03-09T10:30–15:00', '2026-03-10T07:00–10:00', '2026-03-10T10:30–15:00']);
  });

  it('uses summer time (UTC+3) in summer', () => {
    const ranges = availabilityRanges(aSchedule('anna'), z('2026-06-10T00:00'), z('2026-06-11T00:00'), LATVIA);
    expect(iso(ranges)).toEqual(['2026-06-10T06:00–09:00', '2026-06-10T09:30–14:00']);
  });

  it('keeps 09:00–17:00 local through the spring change on Sunday 2026-03-29', () => {
    const schedule = aSchedule('anna', { weekly: EVERY_DAY });
    const ranges = availabilityRanges(schedule, z('2026-03-28T00:00'), z('2026-03-31T00:00'), LATVIA);
    expect(iso(ranges)).toEqual(['2026-03-28T07:00–15:00', '2026-03-29T06:00–14:00', '2026-03-30T06:00–14:00']);
  });

  it('keeps 09:00–17:00 local through the autumn change on Sunday 2026-10-25', () => {
    const schedule = aSchedule('anna', { weekly: EVERY_DAY });
    const ranges = availabilityRanges(schedule, z('2026-10-24T00:00'), z('2026-10-27T00:00'), LATVIA);
    expect(iso(ranges)).toEqual(['2026-10-24T06:00–14:00', '2026-10-25T07:00–15:00', '2026-10-26T07:00–15:00']);
  });

  it('makes a whole-day rule 23 hours long in spring and 25 in autumn', () => {
    const schedule = aSchedule('anna', { weekly: { 7: [{ from: '00:00', to: '24:00' }] } });
    const [spring] = availabilityRanges(schedule, z('2026-03-28T00:00'), z('2026-03-30T00:00'), LATVIA);
    const [autumn] = availabilityRanges(schedule, z('2026-10-24T00:00'), z('2026-10-26T00:00'), LATVIA);
    expect(iso([spring, autumn])).toEqual(['2026-03-28T22:00–21:00', '2026-10-24T21:00–22:00']);
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
  });

  it('starts an interval inside the skipped spring hour when the clock does, at 04:00', () => {
    const schedule = aSchedule('anna', { weekly: { 7: [{ from: '03:30', to: '05:00' }] } });
    expect(iso(availabilityRanges(schedule, z('2026-03-29T00:00'), z('2026-03-30T00:00'), LATVIA))).toEqual(['2026-03-29T01:30–02:00']);
  });

  it('is closed on the public holiday 2026-11-18 and an hour shorter the day before', () => {
    const ranges = availabilityRanges(aSchedule('anna'), z('2026-11-16T00:00'), z('2026-11-20T00:00'), LATVIA);
    expect(iso(ranges)).toEqual([
      '2026-11-16T07:00–10:00',
      '2026-11-16T10:30–15:00',
      '2026-11-17T07:00–10:00',
      '2026-11-17T10:30–14:00',
      '2026-11-19T07:00–10:00',
      '2026-11-19T10:30–15:00',
    ]);
  });

  it('works the holiday when the schedule does not follow the national calendar', () => {
    const schedule = aSchedule('anna', { followsPublicHolidays: false });
    expect(iso(availabilityRanges(schedule, z('2026-11-17T00:00'), z('2026-11-19T00:00'), LATVIA))).toEqual([
      '2026-11-17T07:00–10:00',
      '2026-11-17T10:30–15:00',
      '2026-11-18T07:00–10:00',
      '2026-11-18T10:30–15:00',
    ]);
  });

  it('does not shorten the pre-holiday day when told not to', () => {
    expect(wallClockIntervalsOn(aSchedule('anna', { shortenBeforeHolidays: false }), '2026-11-17', LATVIA)).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '12:30', to: '17:00' },
    ]);
  });

  it('drops an interval the shortening leaves empty', () => {
    const schedule = aSchedule('anna', { weekly: { 2: [{ from: '09:00', to: '12:00' }, { from: '16:30', to: '17:00' }] } });
    expect(wallClockIntervalsOn(schedule, '2026-11-17', LATVIA)).toEqual([{ from: '09:00', to: '12:00' }]);
  });

  it("works a transferred Saturday (2026-06-27) by the Monday's rules and has the Monday (2026-06-22) off", () => {
    const schedule = aSchedule('anna', { weekly: { 1: [{ from: '08:00', to: '16:00' }], 2: [{ from: '09:00', to: '17:00' }] } });
    expect(wallClockIntervalsOn(schedule, '2026-06-22', LATVIA)).toEqual([]);
    // The Monday it replaces is the eve of Līgo, so the Saturday is an hour shorter too.
    expect(wallClockIntervalsOn(schedule, '2026-06-27', LATVIA)).toEqual([{ from: '08:00', to: '15:00' }]);
    expect(wallClockIntervalsOn(schedule, '2026-06-27', NO_HOLIDAYS)).toEqual([]);
  });

  it('lets a dated override open a holiday or close a working day', () => {
    const schedule = aSchedule('anna', {
      overrides: [
        { date: '2026-11-18', intervals: [{ from: '10:00', to: '12:00' }] },
        { date: '2026-11-19', closed: true },
        { date: '2026-11-20', intervals: [] },
      ],
    });
    expect(iso(availabilityRanges(schedule, z('2026-11-18T00:00'), z('2026-11-21T00:00'), LATVIA))).toEqual(['2026-11-18T08:00–10:00']);
  });

  it('takes absences out, whatever their hand-off', () => {
    const schedule = aSchedule('anna', {
      absences: [
        { from: z('2026-03-10T08:00'), to: z('2026-03-10T09:00'), handOffToSpecialistId: 'ben' },
        { from: z('2026-03-10T13:00'), to: z('2026-03-12T00:00') },
      ],
    });
    expect(iso(availabilityRanges(schedule, z('2026-03-10T00:00'), z('2026-03-13T00:00'), LATVIA))).toEqual([
      '2026-03-10T07:00–08:00',
      '2026-03-10T09:00–10:00',
      '2026-03-10T10:30–13:00',
      '2026-03-12T07:00–10:00',
      '2026-03-12T10:30–15:00',
    ]);
  });

  it('clips to the requested instants and returns nothing for an empty request', () => {
    const schedule = aSchedule('anna');
    expect(iso(availabilityRanges(schedule, z('2026-03-10T08:15'), z('2026-03-10T11:00'), LATVIA))).toEqual(['2026-03-10T08:15–10:00', '2026-03-10T10:30–11:00']);
    expect(availabilityRanges(schedule, z('2026-03-10T12:00'), z('2026-03-10T12:00'), LATVIA)).toEqual([]);
  });

  it('reads the local day of the schedule zone at the edges (a UTC range starting at 22:00Z is the next Riga day)', () => {
    const schedule = aSchedule('anna', { weekly: { 3: [{ from: '00:00', to: '01:00' }] } });
    expect(iso(availabilityRanges(schedule, z('2026-03-10T20:00'), z('2026-03-11T02:00'), NO_HOLIDAYS))).toEqual(['2026-03-10T22:00–23:00']);
  });

  it('follows any object shaped like the holiday calendar', () => {
    const everyDayOff: HolidayCalendar = { isDayOffByCalendar: () => true, isShortenedDay: () => false };
    expect(availabilityRanges(aSchedule('anna'), z('2026-03-09T00:00'), z('2026-03-14T00:00'), everyDayOff)).toEqual([]);
  });
});

describe('availabilitySchedule', () => {
  const fieldsOf = (act: () => unknown): string[] => {
    try {
      act();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('AVAILABILITY.INVALID_SCHEDULE');
      return (error as DomainError).fieldErrors.map((e) => `${e.field}:${e.code}`);
    }
    throw new Error('expected a validation error');
  };

  it('has defaults: Riga, follows holidays, shortens before them, absences in order', () => {
    const schedule = availabilitySchedule({
      specialistId: 'anna',
      weekly: {},
      absences: [
        { from: z('2026-04-01T00:00'), to: z('2026-04-02T00:00') },
        { from: z('2026-03-01T00:00'), to: z('2026-03-02T00:00') },
      ],
    });
    expect(schedule).toMatchObject({ timeZone: 'Europe/Riga', followsPublicHolidays: true, shortenBeforeHolidays: true, overrides: [] });
    expect(schedule.absences.map((a) => a.from.toISOString().slice(0, 10))).toEqual(['2026-03-01', '2026-04-01']);
  });

  it('rejects bad times, inverted and overlapping intervals, bad dates, duplicate overrides, inverted absences, self hand-off and unknown zones', () => {
    expect(
      fieldsOf(() =>
        availabilitySchedule({
          specialistId: 'anna',
          timeZone: 'Europe/Atlantis',
          weekly: { 1: [{ from: '9:00', to: '17:00' }], 2: [{ from: '17:00', to: '09:00' }], 3: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '17:00' }], 8: [] } as never,
          overrides: [{ date: '2026-02-30', closed: true }, { date: '2026-03-10' }, { date: '2026-03-10', intervals: [{ from: '24:00', to: '24:00' }] }],
          absences: [{ from: z('2026-03-10T10:00'), to: z('2026-03-10T09:00'), handOffToSpecialistId: 'anna' }],
        }),
      ),
    ).toEqual([
      'timeZone:UNKNOWN_TIME_ZONE',
      'weekly.1[0]:INVALID_TIME',
      'weekly.2[0]:INVALID_RANGE',
      'weekly.3[1]:OVERLAP',
      'weekly.8:INVALID_WEEKDAY',
      'overrides[0].date:INVALID_DATE',
      'overrides[2].date:DUPLICATE_DATE',
      'overrides[2].intervals[0]:INVALID_TIME',
      'absences[0]:INVALID_RANGE',
      'absences[0].handOffToSpecialistId:SELF_HAND_OFF',
    ]);
  });

  it('accepts an interval to 24:00', () => {
    expect(() => availabilitySchedule({ specialistId: 'anna', weekly: { 6: [{ from: '20:00', to: '24:00' }] } })).not.toThrow();
  });
});

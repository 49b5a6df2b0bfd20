import { DateTime } from 'luxon';
import { LatvianCalendar } from './latvian-calendar';
import { defaultStateInstitutionSchedule as stateSchedule, type WorkingHoursSchedule } from './working-hours-schedule';
import { addWorkingHours, workingMillisBetween, workingRangesOn } from './working-time';

const calendar = new LatvianCalendar();
const HOUR = 3_600_000;
const riga = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Riga' }).toJSDate();
const utc = (iso: string) => new Date(iso);
const hoursBetween = (from: string, to: string, schedule: WorkingHoursSchedule = stateSchedule) =>
  workingMillisBetween(riga(from), riga(to), schedule, calendar) / HOUR;

const allDay = [{ from: '00:00', to: '24:00' }];
const roundTheClock: WorkingHoursSchedule = { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay };

describe('addWorkingHours', () => {
  it('runs over a weekend', () => {
    // Fri 6 Mar 2026 15:00 (EET): 2 h on Friday, 2 h on Monday from 08:30.
    expect(addWorkingHours(riga('2026-03-06T15:00'), 4, stateSchedule, calendar)).toEqual(utc('2026-03-09T08:30:00Z'));
  });

  it('skips the Easter holidays and ends a shortened day at 16:00', () => {
    // Thu 2 Apr 2026 is the day before Good Friday: 14:00–16:00, then Tue 7 Apr 08:30–10:30 (EEST).
    expect(addWorkingHours(riga('2026-04-02T14:00'), 4, stateSchedule, calendar)).toEqual(utc('2026-04-07T07:30:00Z'));
  });

  it('crosses the March DST change (29 March 2026)', () => {
    // Fri 27 Mar 15:00 EET = 13:00Z; Mon 30 Mar 10:30 EEST = 07:30Z.
    expect(addWorkingHours(utc('2026-03-27T13:00:00Z'), 4, stateSchedule, calendar)).toEqual(utc('2026-03-30T07:30:00Z'));
  });

  it('crosses the October DST change (25 October 2026)', () => {
    // Fri 23 Oct 15:00 EEST = 12:00Z; Mon 26 Oct 10:30 EET = 08:30Z.
    expect(addWorkingHours(utc('2026-10-23T12:00:00Z'), 4, stateSchedule, calendar)).toEqual(utc('2026-10-26T08:30:00Z'));
  });

  it('works on a transferred Saturday and skips the day off it replaces', () => {
    // Thu 1 Jan and Fri 2 Jan 2026 are off; Wed 31 Dec is a holiday; Tue 30 Dec 2025 is shortened.
    expect(addWorkingHours(riga('2025-12-30T15:00'), 2, stateSchedule, calendar)).toEqual(riga('2026-01-05T09:30'));
    expect(addWorkingHours(riga('2026-01-16T16:00'), 2, stateSchedule, calendar)).toEqual(riga('2026-01-17T09:30'));
  });

  it('skips lunch and waits for opening time', () => {
    expect(addWorkingHours(riga('2026-03-10T11:30'), 1, stateSchedule, calendar)).toEqual(riga('2026-03-10T13:00'));
    expect(addWorkingHours(riga('2026-03-10T12:10'), 1, stateSchedule, calendar)).toEqual(riga('2026-03-10T13:30'));
    expect(addWorkingHours(riga('2026-03-10T06:00'), 1, stateSchedule, calendar)).toEqual(riga('2026-03-10T09:30'));
    expect(addWorkingHours(riga('2026-03-10T18:00'), 0.5, stateSchedule, calendar)).toEqual(riga('2026-03-11T09:00'));
  });

  it('stops at the end of an interval rather than the next opening', () => {
    expect(addWorkingHours(riga('2026-03-10T08:30'), 3.5, stateSchedule, calendar)).toEqual(riga('2026-03-10T12:00'));
  });

  it('returns the same instant for zero hours and rejects bad input', () => {
    const start = riga('2026-03-07T10:00');
    expect(addWorkingHours(start, 0, stateSchedule, calendar)).toEqual(start);
    expect(() => addWorkingHours(start, -1, stateSchedule, calendar)).toThrow(RangeError);
    expect(() => addWorkingHours(start, Number.NaN, stateSchedule, calendar)).toThrow(RangeError);
    expect(() => addWorkingHours(start, 1, {}, calendar)).toThrow(RangeError);
  });

  it.each([
    ['2026-03-27T16:59', 4],
    ['2026-04-02T09:00', 10],
    ['2025-12-19T11:45', 24],
    ['2026-10-23T08:00', 7.25],
    ['2025-05-09T13:00', 8],
  ])('is the inverse of workingMillisBetween from %s + %s h', (start, hours) => {
    const end = addWorkingHours(riga(start), hours, stateSchedule, calendar);
    expect(workingMillisBetween(riga(start), end, stateSchedule, calendar)).toBe(hours * HOUR);
  });
});

describe('workingMillisBetween', () => {
  it('counts an ordinary day as 8 hours without lunch', () => {
    expect(hoursBetween('2026-03-10T00:00', '2026-03-11T00:00')).toBe(8);
  });

  it('counts a pre-holiday day as 7 hours and a holiday as none', () => {
    expect(hoursBetween('2025-12-23T00:00', '2025-12-24T00:00')).toBe(7);
    expect(hoursBetween('2025-12-24T00:00', '2025-12-29T00:00')).toBe(0);
  });

  it('matches the norm hours of December 2025 (150)', () => {
    expect(hoursBetween('2025-12-01T00:00', '2026-01-01T00:00')).toBe(150);
  });

  it('gives a transferred Saturday the hours of the weekday it replaces', () => {
    const fridayShort: WorkingHoursSchedule = { ...stateSchedule, 5: [{ from: '08:30', to: '15:00' }] };
    expect(hoursBetween('2026-01-17T00:00', '2026-01-18T00:00', fridayShort)).toBe(6.5);
    // 10 May 2025 replaces a Friday and is itself the day before Mother's Day.
    expect(hoursBetween('2025-05-10T00:00', '2025-05-11T00:00', fridayShort)).toBe(5.5);
    // 27 June 2026 replaces Monday 22 June, the day before Līgo.
    expect(hoursBetween('2026-06-27T00:00', '2026-06-28T00:00')).toBe(7);
  });

  it('closes on calendar days off even when the schedule has hours', () => {
    expect(hoursBetween('2025-05-02T00:00', '2025-05-03T00:00')).toBe(0);
    expect(hoursBetween('2025-05-05T00:00', '2025-05-06T00:00')).toBe(0);
    expect(hoursBetween('2026-04-05T00:00', '2026-04-06T00:00', roundTheClock)).toBe(0);
  });

  it('shortens an ordinary open Saturday before a Sunday holiday', () => {
    const saturdays: WorkingHoursSchedule = { ...stateSchedule, 6: [{ from: '09:00', to: '13:00' }] };
    expect(hoursBetween('2026-04-04T00:00', '2026-04-05T00:00', saturdays)).toBe(3);
    expect(hoursBetween('2026-03-28T00:00', '2026-03-29T00:00', saturdays)).toBe(4);
  });

  it('takes the hour off across a break when the last interval is short', () => {
    const shortAfternoon: WorkingHoursSchedule = { 2: [{ from: '08:00', to: '12:00' }, { from: '12:30', to: '13:00' }] };
    expect(workingRangesOn('2025-12-23', shortAfternoon, calendar).map((r) => [new Date(r.start), new Date(r.end)])).toEqual([
      [riga('2025-12-23T08:00'), riga('2025-12-23T11:30')],
    ]);
  });

  it('measures real time across the DST changes', () => {
    expect(hoursBetween('2026-03-29T00:00', '2026-03-30T00:00', roundTheClock)).toBe(23);
    expect(hoursBetween('2026-10-25T00:00', '2026-10-26T00:00', roundTheClock)).toBe(25);
    const night: WorkingHoursSchedule = { 7: [{ from: '02:00', to: '05:00' }] };
    expect(hoursBetween('2026-03-29T00:00', '2026-03-30T00:00', night)).toBe(2);
    expect(hoursBetween('2026-10-25T00:00', '2026-10-26T00:00', night)).toBe(4);
  });

  it('counts a working week spanning the March change with the state schedule', () => {
    // Fri 27 Mar from 08:00 (8 h) + Mon 30 Mar 08:30–12:00 (3.5 h).
    expect(hoursBetween('2026-03-27T08:00', '2026-03-30T12:00')).toBe(11.5);
    expect(workingMillisBetween(utc('2026-10-23T05:30:00Z'), utc('2026-10-26T06:30:00Z'), stateSchedule, calendar)).toBe(8 * HOUR);
  });

  it('is exact to the minute inside an interval, zero when equal and negative when reversed', () => {
    expect(workingMillisBetween(riga('2026-03-10T09:01'), riga('2026-03-10T09:58'), stateSchedule, calendar)).toBe(57 * 60_000);
    expect(hoursBetween('2026-03-10T10:00', '2026-03-10T10:00')).toBe(0);
    expect(hoursBetween('2026-03-11T00:00', '2026-03-10T00:00')).toBe(-8);
  });
});

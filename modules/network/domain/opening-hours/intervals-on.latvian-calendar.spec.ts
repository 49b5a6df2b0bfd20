import { LatvianCalendar } from '@modules/shared-kernel';
import type { HolidayCalendar } from './holiday-calendar.port';
import { intervalsOn } from './intervals-on';
import { nextOpening } from './opening-instants';
import { openingHoursForRange } from './opening-hours-for-range';
import { grobina } from './sample-specs.fixture';

// Guards the contract with the real shared-kernel calendar, which the fake stands in for elsewhere.
describe('opening hours with the real LatvianCalendar', () => {
  const calendar: HolidayCalendar = new LatvianCalendar();

  it('reads the 2026 Christmas and New Year weeks', () => {
    const days = openingHoursForRange(grobina(), '2026-12-21', '2027-01-04', calendar);
    expect(days.map((day) => `${day.date.slice(5)} ${day.reason}`)).toEqual([
      '12-21 regular', '12-22 regular', '12-23 shortened', '12-24 holiday', '12-25 holiday', '12-26 holiday',
      '12-27 regular', '12-28 regular', '12-29 regular', '12-30 shortened', '12-31 holiday', '01-01 holiday',
      '01-02 regular', '01-03 regular', '01-04 regular',
    ]);
  });

  it('works the transferred Saturday 2026-01-17 to the Friday schedule', () => {
    expect(intervalsOn(grobina(), '2026-01-17', calendar)).toMatchObject({
      reason: 'transferred-working-day', replacesDate: '2026-01-02', intervals: [{ from: '08:30', to: '14:00' }],
    });
    expect(intervalsOn(grobina(), '2026-01-02', calendar).reason).toBe('holiday');
  });

  it('leaves ordinary weekends to the spec', () => {
    const saturdays = { weekly: { '6': [{ from: '10:00', to: '14:00' }] } };
    expect(intervalsOn(saturdays, '2026-03-07', calendar)).toMatchObject({ reason: 'regular', closed: false });
  });

  it('finds the first opening after Easter 2026', () => {
    expect(nextOpening(grobina(), new Date('2026-04-02T14:00:00Z'), calendar)).toEqual({
      opensAt: new Date('2026-04-07T05:30:00Z'),
      closesAt: new Date('2026-04-07T09:00:00Z'),
    });
  });
});

import { latvia2026 } from './holiday-calendar.fake';
import { openingHoursForRange } from './opening-hours-for-range';
import { grobina } from './sample-specs.fixture';

describe('openingHoursForRange', () => {
  const calendar = latvia2026();

  it('lists every day of a week, both ends included', () => {
    const week = openingHoursForRange(grobina(), '2026-11-16', '2026-11-22', calendar);
    expect(week.map((day) => [day.date, day.reason, day.intervals.length])).toEqual([
      ['2026-11-16', 'regular', 2],
      ['2026-11-17', 'shortened', 2],
      ['2026-11-18', 'holiday', 0],
      ['2026-11-19', 'regular', 2],
      ['2026-11-20', 'regular', 1],
      ['2026-11-21', 'regular', 0],
      ['2026-11-22', 'regular', 0],
    ]);
  });

  it('crosses month and year ends', () => {
    const days = openingHoursForRange(grobina(), '2026-12-30', '2027-01-02', calendar);
    expect(days.map((day) => day.date)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('returns one day when from equals to', () => {
    expect(openingHoursForRange(grobina(), '2026-03-02', '2026-03-02', calendar)).toHaveLength(1);
  });

  it('covers a 366-day range but not a longer one', () => {
    expect(openingHoursForRange(grobina(), '2026-01-01', '2027-01-01', calendar)).toHaveLength(366);
    expect(() => openingHoursForRange(grobina(), '2026-01-01', '2027-01-02', calendar)).toThrow(RangeError);
  });

  it('rejects a reversed range and malformed dates', () => {
    expect(() => openingHoursForRange(grobina(), '2026-03-02', '2026-03-01', calendar)).toThrow(RangeError);
    expect(() => openingHoursForRange(grobina(), '2026-3-1', '2026-03-02', calendar)).toThrow(RangeError);
    expect(() => openingHoursForRange(grobina(), '2026-03-01', 'tomorrow', calendar)).toThrow(RangeError);
  });
});

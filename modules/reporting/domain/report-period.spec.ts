import { daysBetween, periodOf, periodsBetween } from './report-period';

describe('report periods', () => {
  it('lists every day, ISO week and month of a range, with no gaps', () => {
    expect(periodsBetween('2026-03-28', '2026-03-31', 'day')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
    expect(periodsBetween('2026-03-01', '2026-03-20', 'week')).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16']);
    expect(periodsBetween('2026-01-15', '2026-03-02', 'month')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(periodsBetween('2026-01-15', '2026-03-02', 'total')).toEqual(['2026-01-15']);
  });

  it('maps a day to the start of its period', () => {
    expect(periodOf('2026-03-29', 'week', '2026-03-01')).toBe('2026-03-23');
    expect(periodOf('2026-03-29', 'month', '2026-03-01')).toBe('2026-03-01');
  });

  it('counts days inclusively, DST days included', () => {
    expect(daysBetween('2026-03-29', '2026-03-29')).toBe(1);
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(31);
    expect(daysBetween('2026-10-01', '2026-10-31')).toBe(31);
  });
});

import { isNthWeekdayOfMonth } from './monthly-closed-day-on';
import { isInSeason } from './season-on';
import { shortenByOneHour } from './shorten-by-one-hour';

describe('isInSeason', () => {
  const summer = { from: '06-01', to: '08-31' };
  const winter = { from: '10-01', to: '05-31' };

  it.each([
    ['06-01', summer, true], ['08-31', summer, true], ['05-31', summer, false], ['09-01', summer, false],
    ['10-01', winter, true], ['12-31', winter, true], ['01-01', winter, true], ['05-31', winter, true],
    ['06-01', winter, false], ['09-30', winter, false],
  ])('%s in %j → %s', (monthDay, season, expected) => expect(isInSeason(monthDay, season)).toBe(expected));

  it('handles a one-day season', () => {
    expect(isInSeason('12-24', { from: '12-24', to: '12-24' })).toBe(true);
    expect(isInSeason('12-25', { from: '12-24', to: '12-24' })).toBe(false);
  });
});

describe('isNthWeekdayOfMonth', () => {
  it.each([
    ['2026-03-04', 1], ['2026-03-11', 2], ['2026-03-18', 3], ['2026-03-25', 4],
  ])('%s is Wednesday number %i of March 2026', (date, nth) => {
    expect(isNthWeekdayOfMonth(date, { weekday: 3, nth: nth as 1 | 2 | 3 | 4 })).toBe(true);
    expect(isNthWeekdayOfMonth(date, { weekday: 4, nth: nth as 1 | 2 | 3 | 4 })).toBe(false);
  });

  it('finds the last weekday in 28-, 29-, 30- and 31-day months', () => {
    expect(isNthWeekdayOfMonth('2026-02-23', { weekday: 1, nth: -1 })).toBe(true);
    expect(isNthWeekdayOfMonth('2028-02-29', { weekday: 2, nth: -1 })).toBe(true);
    expect(isNthWeekdayOfMonth('2026-04-30', { weekday: 4, nth: -1 })).toBe(true);
    expect(isNthWeekdayOfMonth('2026-12-31', { weekday: 4, nth: -1 })).toBe(true);
    expect(isNthWeekdayOfMonth('2026-12-24', { weekday: 4, nth: -1 })).toBe(false);
  });
});

describe('shortenByOneHour', () => {
  const i = (from: string, to: string) => ({ from, to });

  it('moves the closing time one hour earlier', () => {
    expect(shortenByOneHour([i('08:30', '12:00'), i('12:20', '17:00')])).toEqual([i('08:30', '12:00'), i('12:20', '16:00')]);
  });

  it('drops what falls after the new closing time and cuts across the lunch break', () => {
    expect(shortenByOneHour([i('08:00', '12:00'), i('12:30', '13:00')])).toEqual([i('08:00', '12:00')]);
    expect(shortenByOneHour([i('08:00', '12:30'), i('13:00', '13:30')])).toEqual([i('08:00', '12:30')]);
    expect(shortenByOneHour([i('08:00', '12:45'), i('13:00', '13:30')])).toEqual([i('08:00', '12:30')]);
  });

  it('closes a day of an hour or less and leaves an empty day empty', () => {
    expect(shortenByOneHour([i('09:00', '10:00')])).toEqual([]);
    expect(shortenByOneHour([])).toEqual([]);
  });

  it('handles a 24:00 close', () => {
    expect(shortenByOneHour([i('20:00', '24:00')])).toEqual([i('20:00', '23:00')]);
  });
});

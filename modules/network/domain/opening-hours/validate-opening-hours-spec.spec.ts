import { grobina, sala } from './sample-specs.fixture';
import { isValidOpeningHoursSpec, validateOpeningHoursSpec } from './validate-opening-hours-spec';

const codesOf = (spec: unknown): Array<[string, string]> =>
  validateOpeningHoursSpec(spec).map((error) => [error.field, error.code]);

describe('validateOpeningHoursSpec', () => {
  it('accepts the real Grobiņa and Sala schedules', () => {
    expect(validateOpeningHoursSpec(grobina())).toEqual([]);
    expect(validateOpeningHoursSpec(sala())).toEqual([]);
  });

  it('accepts a full spec with every optional part', () => {
    const spec = {
      timeZone: 'Europe/Riga',
      weekly: { '1': [{ from: '08:00', to: '12:00' }, { from: '12:00', to: '17:00' }], '7': [] },
      seasons: [{ name: 'Ziema', from: '10-01', to: '05-31', weekly: { '6': [{ from: '10:00', to: '14:00' }] } }],
      monthlyClosedDays: [{ weekday: 3, nth: 2, reasonLv: 'Metodiskā diena', reasonEn: 'Methodical day' }, { weekday: 3, nth: -1 }],
      exceptions: [
        { date: '2026-02-27', closed: true, noteLv: 'Remonts' },
        { date: '2026-03-02', intervals: [{ from: '10:00', to: '24:00' }] },
        { date: '2026-03-03', intervals: [] },
      ],
      closedOnPublicHolidays: false,
      shortenBeforeHolidays: true,
    };
    expect(validateOpeningHoursSpec(spec)).toEqual([]);
    expect(isValidOpeningHoursSpec(spec)).toBe(true);
  });

  it('gives every error a field, a stable code and both messages', () => {
    const [error] = validateOpeningHoursSpec({ weekly: { '1': [{ from: '8:30', to: '12:00' }] } });
    expect(error).toEqual({
      field: 'weekly.1[0].from',
      code: 'OPENING_HOURS.INVALID_TIME',
      messageLv: expect.stringContaining('SS:MM'),
      messageEn: expect.stringContaining('HH:mm'),
    });
  });

  it.each([null, 'x', 42, []])('rejects a non-object %j', (spec) => {
    expect(codesOf(spec)).toEqual([['', 'OPENING_HOURS.NOT_AN_OBJECT']]);
    expect(isValidOpeningHoursSpec(spec)).toBe(false);
  });

  it('requires weekly', () => {
    expect(codesOf({})).toEqual([['weekly', 'OPENING_HOURS.REQUIRED']]);
  });

  it.each(['8:30', '24:01', '25:00', '12:60', '12.30', '', '12:3', ' 12:30'])('rejects the time %j', (time) => {
    expect(codesOf({ weekly: { '1': [{ from: time, to: '23:00' }] } })).toEqual([['weekly.1[0].from', 'OPENING_HOURS.INVALID_TIME']]);
  });

  it('rejects a missing or non-string time', () => {
    expect(codesOf({ weekly: { '1': [{ from: 830 }] } })).toEqual([
      ['weekly.1[0].from', 'OPENING_HOURS.INVALID_TIME'],
      ['weekly.1[0].to', 'OPENING_HOURS.INVALID_TIME'],
    ]);
  });

  it.each([
    ['12:00', '12:00'],
    ['13:00', '12:00'],
    ['24:00', '24:00'],
  ])('rejects %s–%s because from must be before to', (from, to) => {
    expect(codesOf({ weekly: { '2': [{ from, to }] } })).toEqual([['weekly.2[0]', 'OPENING_HOURS.EMPTY_INTERVAL']]);
  });

  it('rejects unsorted intervals', () => {
    const weekly = { '1': [{ from: '13:00', to: '17:00' }, { from: '08:00', to: '12:00' }] };
    expect(codesOf({ weekly })).toEqual([['weekly.1[1]', 'OPENING_HOURS.INTERVALS_NOT_SORTED']]);
  });

  it('rejects overlapping intervals but allows touching ones', () => {
    const overlapping = { '1': [{ from: '08:00', to: '12:30' }, { from: '12:00', to: '17:00' }] };
    const touching = { '1': [{ from: '08:00', to: '12:00' }, { from: '12:00', to: '17:00' }] };
    expect(codesOf({ weekly: overlapping })).toEqual([['weekly.1[1]', 'OPENING_HOURS.INTERVALS_OVERLAP']]);
    expect(codesOf({ weekly: touching })).toEqual([]);
  });

  it.each(['0', '8', 'mon', '01'])('rejects the weekday key %j', (key) => {
    expect(codesOf({ weekly: { [key]: [] } })).toEqual([[`weekly.${key}`, 'OPENING_HOURS.INVALID_WEEKDAY']]);
  });

  it('rejects a weekday that is not a list, and a weekly that is not an object', () => {
    expect(codesOf({ weekly: { '1': { from: '08:00', to: '12:00' } } })).toEqual([['weekly.1', 'OPENING_HOURS.NOT_A_LIST']]);
    expect(codesOf({ weekly: [] })).toEqual([['weekly', 'OPENING_HOURS.NOT_AN_OBJECT']]);
    expect(codesOf({ weekly: { '1': ['08:00-12:00'] } })).toEqual([['weekly.1[0]', 'OPENING_HOURS.NOT_AN_OBJECT']]);
  });

  it('rejects an unknown time zone', () => {
    expect(codesOf({ timeZone: 'Europe/Ventspils', weekly: {} })).toEqual([['timeZone', 'OPENING_HOURS.INVALID_TIME_ZONE']]);
  });

  it.each(['13-01', '02-30', '04-31', '1-05', '00-10', '2026-01-01'])('rejects the season date %j', (monthDay) => {
    const seasons = [{ name: 'Vasara', from: monthDay, to: '08-31', weekly: {} }];
    expect(codesOf({ weekly: {}, seasons })).toEqual([['seasons[0].from', 'OPENING_HOURS.INVALID_MONTH_DAY']]);
  });

  it('accepts 02-29 as a season boundary', () => {
    expect(codesOf({ weekly: {}, seasons: [{ name: 'Ziema', from: '12-01', to: '02-29', weekly: {} }] })).toEqual([]);
  });

  it('checks season names and weeks', () => {
    const seasons = [{ name: '', from: '06-01', to: '08-31', weekly: { '1': [{ from: '09:00', to: '08:00' }] } }, { name: 'x', from: '01-01', to: '01-02' }];
    expect(codesOf({ weekly: {}, seasons })).toEqual([
      ['seasons[0].name', 'OPENING_HOURS.REQUIRED'],
      ['seasons[0].weekly.1[0]', 'OPENING_HOURS.EMPTY_INTERVAL'],
      ['seasons[1].weekly', 'OPENING_HOURS.REQUIRED'],
    ]);
  });

  it.each([0, 5, -2, '2', 1.5])('rejects nth %j', (nth) => {
    expect(codesOf({ weekly: {}, monthlyClosedDays: [{ weekday: 3, nth }] })).toEqual([['monthlyClosedDays[0].nth', 'OPENING_HOURS.INVALID_NTH']]);
  });

  it.each([0, 8, '3'])('rejects a monthly closed weekday %j', (weekday) => {
    expect(codesOf({ weekly: {}, monthlyClosedDays: [{ weekday, nth: 1 }] })).toEqual([
      ['monthlyClosedDays[0].weekday', 'OPENING_HOURS.INVALID_WEEKDAY'],
    ]);
  });

  it.each(['2026-02-29', '2026-13-01', '26-01-01', '2026-1-1', 20260101])('rejects the exception date %j', (date) => {
    expect(codesOf({ weekly: {}, exceptions: [{ date, closed: true }] })).toEqual([['exceptions[0].date', 'OPENING_HOURS.INVALID_DATE']]);
  });

  it('rejects two exceptions for one date', () => {
    const exceptions = [{ date: '2026-03-02', closed: true }, { date: '2026-03-02', intervals: [] }];
    expect(codesOf({ weekly: {}, exceptions })).toEqual([['exceptions[1].date', 'OPENING_HOURS.DUPLICATE_DATE']]);
  });

  it('requires an exception to say closed or give intervals, not both', () => {
    const exceptions = [
      { date: '2026-03-02' },
      { date: '2026-03-03', closed: true, intervals: [{ from: '08:00', to: '12:00' }] },
      { date: '2026-03-04', closed: 'yes', intervals: [{ from: '12:00', to: '08:00' }] },
    ];
    expect(codesOf({ weekly: {}, exceptions })).toEqual([
      ['exceptions[0]', 'OPENING_HOURS.EXCEPTION_WITHOUT_HOURS'],
      ['exceptions[1]', 'OPENING_HOURS.CLOSED_WITH_INTERVALS'],
      ['exceptions[2].closed', 'OPENING_HOURS.NOT_A_BOOLEAN'],
      ['exceptions[2].intervals[0]', 'OPENING_HOURS.EMPTY_INTERVAL'],
    ]);
  });

  it('checks list types, flags and texts', () => {
    const spec = {
      weekly: {},
      seasons: {},
      monthlyClosedDays: [null],
      exceptions: [{ date: '2026-03-02', closed: true, noteEn: 5 }],
      closedOnPublicHolidays: 'no',
      shortenBeforeHolidays: 1,
    };
    expect(codesOf(spec)).toEqual([
      ['seasons', 'OPENING_HOURS.NOT_A_LIST'],
      ['monthlyClosedDays[0]', 'OPENING_HOURS.NOT_AN_OBJECT'],
      ['exceptions[0].noteEn', 'OPENING_HOURS.NOT_A_STRING'],
      ['closedOnPublicHolidays', 'OPENING_HOURS.NOT_A_BOOLEAN'],
      ['shortenBeforeHolidays', 'OPENING_HOURS.NOT_A_BOOLEAN'],
    ]);
  });
});

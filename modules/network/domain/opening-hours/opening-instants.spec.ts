import { FakeHolidayCalendar, latvia2026 } from './holiday-calendar.fake';
import { isOpenAt, nextOpening } from './opening-instants';
import type { OpeningHoursSpec } from './opening-hours-spec';
import { grobina } from './sample-specs.fixture';

const at = (iso: string): Date => new Date(iso);
const window = (opensAt: string, closesAt: string) => ({ opensAt: at(opensAt), closesAt: at(closesAt) });
const noHolidays = new FakeHolidayCalendar();
const sundayMorning: OpeningHoursSpec = { weekly: { '7': [{ from: '09:00', to: '12:00' }] } };
const sundayNight: OpeningHoursSpec = { weekly: { '7': [{ from: '00:00', to: '06:00' }] } };

describe('isOpenAt', () => {
  it.each([
    ['2026-03-02T06:29:59Z', false], // Monday 08:29:59 in Riga (UTC+2)
    ['2026-03-02T06:30:00Z', true], // opening minute
    ['2026-03-02T10:10:00Z', false], // 12:10, lunch break
    ['2026-03-02T10:20:00Z', true],
    ['2026-03-02T14:59:59Z', true],
    ['2026-03-02T15:00:00Z', false], // closing time is already closed
    ['2026-03-03T16:30:00Z', true], // Tuesday until 19:00
    ['2026-03-06T12:00:00Z', false], // Friday closes at 14:00
    ['2026-03-07T09:00:00Z', false], // Saturday
  ])('Grobiņa at %s → %s', (instant, open) => {
    expect(isOpenAt(grobina(), at(instant), noHolidays)).toBe(open);
  });

  it('uses summer time (UTC+3) in July', () => {
    expect(isOpenAt(grobina(), at('2026-07-06T05:30:00Z'), noHolidays)).toBe(true); // 08:30 EEST
    expect(isOpenAt(grobina(), at('2026-07-06T05:29:00Z'), noHolidays)).toBe(false);
  });

  it('is closed on a public holiday at a usual opening time', () => {
    expect(isOpenAt(grobina(), at('2026-11-18T08:00:00Z'), latvia2026())).toBe(false);
    expect(isOpenAt(grobina(), at('2026-11-18T08:00:00Z'), noHolidays)).toBe(true);
  });

  it('closes an hour earlier on a pre-holiday day', () => {
    expect(isOpenAt(grobina(), at('2026-11-17T16:30:00Z'), latvia2026())).toBe(false); // 18:30 local
    expect(isOpenAt(grobina(), at('2026-11-17T15:59:00Z'), latvia2026())).toBe(true); // 17:59 local
  });

  describe('on the day summer time starts, 2026-03-29 (03:00 → 04:00)', () => {
    it('reads wall-clock time after the change as UTC+3', () => {
      expect(isOpenAt(sundayMorning, at('2026-03-29T06:30:00Z'), noHolidays)).toBe(true); // 09:30 EEST
      expect(isOpenAt(sundayMorning, at('2026-03-29T05:30:00Z'), noHolidays)).toBe(false); // 08:30 EEST
      expect(isOpenAt(sundayMorning, at('2026-03-29T08:59:00Z'), noHolidays)).toBe(true); // 11:59 EEST
      expect(isOpenAt(sundayMorning, at('2026-03-29T09:00:00Z'), noHolidays)).toBe(false); // 12:00 EEST
    });

    it('reads wall-clock time before the change as UTC+2', () => {
      expect(isOpenAt(sundayNight, at('2026-03-28T22:00:00Z'), noHolidays)).toBe(true); // 00:00 EET
      expect(isOpenAt(sundayNight, at('2026-03-28T21:59:00Z'), noHolidays)).toBe(false); // Saturday 23:59
      expect(isOpenAt(sundayNight, at('2026-03-29T02:59:00Z'), noHolidays)).toBe(true); // 05:59 EEST
      expect(isOpenAt(sundayNight, at('2026-03-29T03:00:00Z'), noHolidays)).toBe(false); // 06:00 EEST
    });
  });

  describe('on the day summer time ends, 2026-10-25 (04:00 → 03:00)', () => {
    it('reads wall-clock time after the change as UTC+2', () => {
      expect(isOpenAt(sundayMorning, at('2026-10-25T06:30:00Z'), noHolidays)).toBe(false); // 08:30 EET
      expect(isOpenAt(sundayMorning, at('2026-10-25T07:00:00Z'), noHolidays)).toBe(true); // 09:00 EET
      expect(isOpenAt(sundayMorning, at('2026-10-25T09:59:00Z'), noHolidays)).toBe(true); // 11:59 EET
    });

    it('counts the repeated hour as open both times', () => {
      expect(isOpenAt(sundayNight, at('2026-10-25T00:30:00Z'), noHolidays)).toBe(true); // 03:30 EEST
      expect(isOpenAt(sundayNight, at('2026-10-25T01:30:00Z'), noHolidays)).toBe(true); // 03:30 EET
      expect(isOpenAt(sundayNight, at('2026-10-25T04:00:00Z'), noHolidays)).toBe(false); // 06:00 EET
    });
  });

  it('honours the spec time zone', () => {
    const berlin: OpeningHoursSpec = { timeZone: 'Europe/Berlin', weekly: { '1': [{ from: '09:00', to: '17:00' }] } };
    const riga: OpeningHoursSpec = { weekly: berlin.weekly };
    expect(isOpenAt(berlin, at('2026-03-02T07:30:00Z'), noHolidays)).toBe(false); // 08:30 in Berlin
    expect(isOpenAt(riga, at('2026-03-02T07:30:00Z'), noHolidays)).toBe(true); // 09:30 in Riga
  });

  it('throws on an invalid instant', () => {
    expect(() => isOpenAt(grobina(), new Date('nope'), noHolidays)).toThrow(RangeError);
  });
});

describe('nextOpening', () => {
  it('returns the current interval when open', () => {
    expect(nextOpening(grobina(), at('2026-03-02T08:00:00Z'), noHolidays)).toEqual(
      window('2026-03-02T06:30:00Z', '2026-03-02T10:00:00Z'),
    );
  });

  it('returns the afternoon interval during the lunch break', () => {
    expect(nextOpening(grobina(), at('2026-03-02T10:10:00Z'), noHolidays)).toEqual(
      window('2026-03-02T10:20:00Z', '2026-03-02T15:00:00Z'),
    );
  });

  it('skips the closing instant itself', () => {
    expect(nextOpening(grobina(), at('2026-03-02T15:00:00Z'), noHolidays)).toEqual(
      window('2026-03-03T06:30:00Z', '2026-03-03T10:00:00Z'),
    );
  });

  it('crosses the spring-forward weekend: Friday in EET, Monday in EEST', () => {
    expect(nextOpening(grobina(), at('2026-03-27T12:00:00Z'), noHolidays)).toEqual(
      window('2026-03-30T05:30:00Z', '2026-03-30T09:00:00Z'),
    );
  });

  it('crosses the fall-back weekend: Friday in EEST, Monday in EET', () => {
    expect(nextOpening(grobina(), at('2026-10-23T12:00:00Z'), noHolidays)).toEqual(
      window('2026-10-26T06:30:00Z', '2026-10-26T10:00:00Z'),
    );
  });

  it('finds Sunday hours on both DST days with the right offsets', () => {
    expect(nextOpening(sundayMorning, at('2026-03-28T20:00:00Z'), noHolidays)).toEqual(
      window('2026-03-29T06:00:00Z', '2026-03-29T09:00:00Z'),
    );
    expect(nextOpening(sundayMorning, at('2026-10-24T20:00:00Z'), noHolidays)).toEqual(
      window('2026-10-25T07:00:00Z', '2026-10-25T10:00:00Z'),
    );
  });

  it('gives the real length of an interval spanning the DST change', () => {
    // 00:00–06:00 lasts 5 hours in March and 7 hours in October.
    expect(nextOpening(sundayNight, at('2026-03-28T12:00:00Z'), noHolidays)).toEqual(
      window('2026-03-28T22:00:00Z', '2026-03-29T03:00:00Z'),
    );
    expect(nextOpening(sundayNight, at('2026-10-24T12:00:00Z'), noHolidays)).toEqual(
      window('2026-10-24T21:00:00Z', '2026-10-25T04:00:00Z'),
    );
  });

  it('skips a public holiday after a shortened day', () => {
    expect(nextOpening(grobina(), at('2026-11-17T16:30:00Z'), latvia2026())).toEqual(
      window('2026-11-19T06:30:00Z', '2026-11-19T10:00:00Z'),
    );
  });

  it('skips the Christmas days', () => {
    expect(nextOpening(grobina(), at('2026-12-23T15:00:00Z'), latvia2026())).toEqual(
      window('2026-12-28T06:30:00Z', '2026-12-28T10:00:00Z'),
    );
  });

  it('finds a transferred working Saturday', () => {
    expect(nextOpening(grobina(), at('2026-01-16T13:00:00Z'), latvia2026())).toEqual(
      window('2026-01-17T06:30:00Z', '2026-01-17T12:00:00Z'),
    );
  });

  it('joins back-to-back intervals into one window', () => {
    const spec: OpeningHoursSpec = { weekly: { '1': [{ from: '08:00', to: '12:00' }, { from: '12:00', to: '17:00' }] } };
    expect(nextOpening(spec, at('2026-03-02T11:00:00Z'), noHolidays)).toEqual(window('2026-03-02T06:00:00Z', '2026-03-02T15:00:00Z'));
  });

  it('joins a window that runs through midnight', () => {
    const spec: OpeningHoursSpec = { weekly: { '5': [{ from: '20:00', to: '24:00' }], '6': [{ from: '00:00', to: '02:00' }, { from: '10:00', to: '12:00' }] } };
    expect(nextOpening(spec, at('2026-03-06T12:00:00Z'), noHolidays)).toEqual(window('2026-03-06T18:00:00Z', '2026-03-07T00:00:00Z'));
    expect(isOpenAt(spec, at('2026-03-06T22:30:00Z'), noHolidays)).toBe(true); // Saturday 00:30
  });

  it('ends a midnight window when the next day opens later', () => {
    const spec: OpeningHoursSpec = { weekly: { '5': [{ from: '20:00', to: '24:00' }], '6': [{ from: '10:00', to: '12:00' }] } };
    expect(nextOpening(spec, at('2026-03-06T12:00:00Z'), noHolidays)).toEqual(window('2026-03-06T18:00:00Z', '2026-03-06T22:00:00Z'));
  });

  it('looks only horizonDays ahead', () => {
    const fridayEvening = at('2026-03-06T16:00:00Z');
    expect(nextOpening(grobina(), fridayEvening, noHolidays, 2)).toBeNull();
    expect(nextOpening(grobina(), fridayEvening, noHolidays, 3)).toEqual(window('2026-03-09T06:30:00Z', '2026-03-09T10:00:00Z'));
  });

  it('returns null for a centre that never opens', () => {
    expect(nextOpening({ weekly: {} }, at('2026-03-02T08:00:00Z'), noHolidays)).toBeNull();
  });
});

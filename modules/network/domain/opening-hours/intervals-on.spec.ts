import { FakeHolidayCalendar, latvia2026 } from './holiday-calendar.fake';
import { intervalsOn } from './intervals-on';
import type { OpeningHoursSpec } from './opening-hours-spec';
import { grobina } from './sample-specs.fixture';

const noHolidays = new FakeHolidayCalendar();
const nineToFive = { from: '09:00', to: '17:00' };
const weekdays = (intervals = [nineToFive]): OpeningHoursSpec['weekly'] => ({ '1': intervals, '2': intervals, '3': intervals, '4': intervals, '5': intervals });

describe('intervalsOn', () => {
  describe('the Grobiņa pattern', () => {
    it.each([
      ['2026-03-02', 1, [['08:30', '12:00'], ['12:20', '17:00']]],
      ['2026-03-03', 2, [['08:30', '12:00'], ['12:30', '19:00']]],
      ['2026-03-04', 3, [['08:30', '12:00'], ['12:20', '17:00']]],
      ['2026-03-05', 4, [['08:30', '12:00'], ['12:20', '17:00']]],
      ['2026-03-06', 5, [['08:30', '14:00']]],
    ])('%s (weekday %i)', (date, weekday, expected) => {
      const day = intervalsOn(grobina(), date, noHolidays);
      expect(day).toEqual({
        date,
        weekday,
        closed: false,
        reason: 'regular',
        intervals: expected.map(([from, to]) => ({ from, to })),
      });
    });

    it('is closed at the weekend for a regular reason', () => {
      expect(intervalsOn(grobina(), '2026-03-07', noHolidays)).toMatchObject({ weekday: 6, closed: true, intervals: [], reason: 'regular' });
      expect(intervalsOn(grobina(), '2026-03-08', noHolidays)).toMatchObject({ weekday: 7, closed: true, reason: 'regular' });
    });
  });

  it('returns copies, so callers cannot change the spec', () => {
    const spec = grobina();
    intervalsOn(spec, '2026-03-02', noHolidays).intervals[0].from = '00:00';
    expect(spec.weekly['1'][0].from).toBe('08:30');
  });

  it('throws on a malformed date', () => {
    expect(() => intervalsOn(grobina(), '2026-02-30', noHolidays)).toThrow(RangeError);
  });

  describe('seasons', () => {
    const spec: OpeningHoursSpec = {
      weekly: weekdays(),
      seasons: [
        { name: 'Vasara', from: '06-01', to: '08-31', weekly: weekdays([{ from: '08:00', to: '15:00' }]) },
        // Saturdays from September to May, wrapping the year end.
        { name: 'Ziema', from: '10-01', to: '05-31', weekly: { ...weekdays(), '6': [{ from: '10:00', to: '14:00' }] } },
      ],
    };

    it.each([
      ['2026-06-01', 'Vasara', '15:00'],
      ['2026-08-31', 'Vasara', '15:00'],
      ['2026-07-15', 'Vasara', '15:00'],
    ])('uses the summer week on %s', (date, seasonName, to) => {
      expect(intervalsOn(spec, date, noHolidays)).toMatchObject({ reason: 'season', seasonName, intervals: [{ from: '08:00', to }] });
    });

    it.each(['2026-10-03', '2026-12-26', '2027-01-02', '2026-05-30'])('uses the wrapping winter season on Saturday %s', (date) => {
      expect(intervalsOn(spec, date, noHolidays)).toMatchObject({ reason: 'season', seasonName: 'Ziema', intervals: [{ from: '10:00', to: '14:00' }] });
    });

    it('falls back to the default week between seasons', () => {
      expect(intervalsOn(spec, '2026-09-15', noHolidays)).toEqual({
        date: '2026-09-15', weekday: 2, closed: false, reason: 'regular', intervals: [nineToFive],
      });
      expect(intervalsOn(spec, '2026-09-19', noHolidays)).toMatchObject({ closed: true, reason: 'regular' });
    });

    it('treats a missing weekday in the season as closed, not as the default', () => {
      const summerFridayOff: OpeningHoursSpec = { weekly: weekdays(), seasons: [{ name: 'Vasara', from: '06-01', to: '08-31', weekly: { '1': [nineToFive] } }] };
      expect(intervalsOn(summerFridayOff, '2026-07-03', noHolidays)).toMatchObject({ closed: true, reason: 'season', seasonName: 'Vasara' });
    });

    it('uses the first matching season when they overlap', () => {
      const overlapping: OpeningHoursSpec = {
        weekly: weekdays(),
        seasons: [
          { name: 'A', from: '07-01', to: '07-31', weekly: {} },
          { name: 'B', from: '06-01', to: '08-31', weekly: weekdays() },
        ],
      };
      expect(intervalsOn(overlapping, '2026-07-10', noHolidays).seasonName).toBe('A');
      expect(intervalsOn(overlapping, '2026-08-10', noHolidays).seasonName).toBe('B');
    });
  });

  describe('monthly closed days', () => {
    const methodical: OpeningHoursSpec = {
      weekly: grobina().weekly,
      monthlyClosedDays: [{ weekday: 3, nth: 2, reasonLv: 'Metodiskā diena', reasonEn: 'Methodical day' }],
    };

    it.each(['2026-03-11', '2026-04-08', '2026-07-08', '2026-12-09'])('closes the second Wednesday %s', (date) => {
      expect(intervalsOn(methodical, date, noHolidays)).toEqual({
        date, weekday: 3, closed: true, intervals: [], reason: 'monthly-closed', noteLv: 'Metodiskā diena', noteEn: 'Methodical day',
      });
    });

    it.each(['2026-03-04', '2026-03-18', '2026-04-01', '2026-04-15', '2026-04-29'])('keeps other Wednesdays (%s) open', (date) => {
      expect(intervalsOn(methodical, date, noHolidays)).toMatchObject({ closed: false, reason: 'regular' });
    });

    it('closes the last Wednesday of a month, whether the month has four or five', () => {
      const last: OpeningHoursSpec = { weekly: grobina().weekly, monthlyClosedDays: [{ weekday: 3, nth: -1 }] };
      expect(intervalsOn(last, '2026-04-29', noHolidays).reason).toBe('monthly-closed'); // fifth Wednesday
      expect(intervalsOn(last, '2026-02-25', noHolidays).reason).toBe('monthly-closed'); // fourth Wednesday
      expect(intervalsOn(last, '2026-04-22', noHolidays).reason).toBe('regular');
    });

    it('closes the first Monday and the fourth Friday', () => {
      const spec: OpeningHoursSpec = { weekly: weekdays(), monthlyClosedDays: [{ weekday: 1, nth: 1 }, { weekday: 5, nth: 4 }] };
      expect(intervalsOn(spec, '2026-06-01', noHolidays).reason).toBe('monthly-closed');
      expect(intervalsOn(spec, '2026-06-08', noHolidays).reason).toBe('regular');
      expect(intervalsOn(spec, '2026-06-26', noHolidays).reason).toBe('monthly-closed');
      expect(intervalsOn(spec, '2026-06-19', noHolidays).reason).toBe('regular');
    });

    it('applies inside a season too', () => {
      const spec: OpeningHoursSpec = {
        ...methodical,
        seasons: [{ name: 'Vasara', from: '06-01', to: '08-31', weekly: weekdays() }],
      };
      expect(intervalsOn(spec, '2026-07-08', noHolidays)).toMatchObject({ reason: 'monthly-closed', seasonName: 'Vasara', closed: true });
    });
  });

  describe('public holidays', () => {
    const calendar = latvia2026();

    it.each(['2026-01-01', '2026-01-02', '2026-04-03', '2026-04-06', '2026-05-04', '2026-06-22', '2026-06-23', '2026-11-18'])(
      'closes %s',
      (date) => {
        expect(intervalsOn(grobina(), date, calendar)).toMatchObject({ date, closed: true, intervals: [], reason: 'holiday' });
      },
    );

    it('closes a Saturday holiday even for a centre open on Saturdays', () => {
      const spec: OpeningHoursSpec = { weekly: { '6': [{ from: '10:00', to: '14:00' }] } };
      expect(intervalsOn(spec, '2026-12-26', calendar).reason).toBe('holiday');
      expect(intervalsOn(spec, '2026-12-19', calendar)).toMatchObject({ reason: 'regular', closed: false });
    });

    it('stays open on holidays when the centre says so', () => {
      const spec: OpeningHoursSpec = { ...grobina(), closedOnPublicHolidays: false };
      expect(intervalsOn(spec, '2026-11-18', calendar)).toMatchObject({ closed: false, reason: 'regular' });
    });

    it('wins over a monthly closed day and a season', () => {
      const spec: OpeningHoursSpec = {
        ...grobina(),
        monthlyClosedDays: [{ weekday: 3, nth: 4 }],
        seasons: [{ name: 'Ziema', from: '10-01', to: '05-31', weekly: grobina().weekly }],
      };
      expect(intervalsOn(spec, '2026-11-18', calendar)).toEqual({ date: '2026-11-18', weekday: 3, closed: true, intervals: [], reason: 'holiday' });
    });
  });

  describe('transferred working Saturdays', () => {
    const calendar = latvia2026();

    it('2026-01-17 works to the Friday schedule of 2026-01-02', () => {
      expect(intervalsOn(grobina(), '2026-01-17', calendar)).toEqual({
        date: '2026-01-17', weekday: 6, closed: false, intervals: [{ from: '08:30', to: '14:00' }],
        reason: 'transferred-working-day', replacesDate: '2026-01-02',
      });
    });

    it('2026-06-27 works to the Monday schedule of 2026-06-22', () => {
      expect(intervalsOn(grobina(), '2026-06-27', calendar)).toMatchObject({
        intervals: [{ from: '08:30', to: '12:00' }, { from: '12:20', to: '17:00' }], replacesDate: '2026-06-22',
      });
    });

    it('takes the weekday from the season in force on the Saturday', () => {
      const spec: OpeningHoursSpec = { ...grobina(), seasons: [{ name: 'Vasara', from: '06-01', to: '08-31', weekly: weekdays([{ from: '08:00', to: '15:00' }]) }] };
      expect(intervalsOn(spec, '2026-06-27', calendar)).toMatchObject({
        intervals: [{ from: '08:00', to: '15:00' }], reason: 'transferred-working-day', seasonName: 'Vasara',
      });
    });

    it('is ignored by a centre that does not follow the national calendar', () => {
      const spec: OpeningHoursSpec = { ...grobina(), closedOnPublicHolidays: false };
      expect(intervalsOn(spec, '2026-01-17', calendar)).toMatchObject({ closed: true, reason: 'regular' });
    });

    it('can itself be shortened', () => {
      const calendarWithShortSaturday = new FakeHolidayCalendar({ shortened: ['2025-05-10'], transfers: { '2025-05-10': '2025-05-02' } });
      expect(intervalsOn(grobina(), '2025-05-10', calendarWithShortSaturday)).toMatchObject({
        intervals: [{ from: '08:30', to: '13:00' }], reason: 'shortened', replacesDate: '2025-05-02',
      });
    });
  });

  describe('pre-holiday shortening', () => {
    const calendar = latvia2026();

    it('closes one hour earlier on 2026-11-17 (Tuesday)', () => {
      expect(intervalsOn(grobina(), '2026-11-17', calendar)).toEqual({
        date: '2026-11-17', weekday: 2, closed: false, reason: 'shortened',
        intervals: [{ from: '08:30', to: '12:00' }, { from: '12:30', to: '18:00' }],
      });
    });

    it('drops an afternoon interval that would be under an hour and cuts the one before', () => {
      const spec: OpeningHoursSpec = { weekly: { '4': [{ from: '08:00', to: '15:45' }, { from: '16:00', to: '16:30' }] } };
      expect(intervalsOn(spec, '2026-04-02', calendar).intervals).toEqual([{ from: '08:00', to: '15:30' }]);
    });

    it('can close a short day entirely', () => {
      const spec: OpeningHoursSpec = { weekly: { '3': [{ from: '09:00', to: '09:45' }] } };
      expect(intervalsOn(spec, '2026-12-23', calendar)).toMatchObject({ closed: true, intervals: [], reason: 'shortened' });
    });

    it("closes a Saturday-open centre early before a Sunday holiday, if the calendar knows pre-holiday days", () => {
      const saturdays: OpeningHoursSpec = { weekly: { '6': [{ from: '10:00', to: '14:00' }] } };
      expect(intervalsOn(saturdays, '2026-05-09', calendar)).toMatchObject({ reason: 'shortened', intervals: [{ from: '10:00', to: '13:00' }] });
      const withoutPreHoliday = { isDayOffByCalendar: () => false, isShortenedDay: () => false, transferredWorkingDayReplaces: () => null };
      expect(intervalsOn(saturdays, '2026-05-09', withoutPreHoliday)).toMatchObject({ reason: 'regular', intervals: [{ from: '10:00', to: '14:00' }] });
    });

    it('is off when the centre says so', () => {
      const spec: OpeningHoursSpec = { ...grobina(), shortenBeforeHolidays: false };
      expect(intervalsOn(spec, '2026-12-30', calendar)).toMatchObject({ reason: 'regular', intervals: grobina().weekly['3'] });
    });

    it('leaves a closed day closed for its own reason', () => {
      expect(intervalsOn({ weekly: {} }, '2026-12-30', calendar)).toMatchObject({ closed: true, reason: 'regular' });
    });
  });

  describe('exceptions', () => {
    const calendar = latvia2026();
    const spec: OpeningHoursSpec = {
      ...grobina(),
      monthlyClosedDays: [{ weekday: 3, nth: 2 }],
      exceptions: [
        { date: '2026-11-18', intervals: [{ from: '10:00', to: '13:00' }], noteLv: 'Svētku dežūra', noteEn: 'Holiday duty' },
        { date: '2026-03-11', intervals: [{ from: '08:30', to: '12:00' }] },
        { date: '2026-12-23', intervals: [{ from: '08:30', to: '17:00' }] },
        { date: '2026-03-16', closed: true, noteLv: 'Apkalpošana ārpus telpām', noteEn: 'Serving off-site' },
        { date: '2026-03-17', intervals: [] },
      ],
    };

    it('win over a public holiday', () => {
      expect(intervalsOn(spec, '2026-11-18', calendar)).toEqual({
        date: '2026-11-18', weekday: 3, closed: false, intervals: [{ from: '10:00', to: '13:00' }],
        reason: 'exception', noteLv: 'Svētku dežūra', noteEn: 'Holiday duty',
      });
    });

    it('win over a monthly closed day', () => {
      expect(intervalsOn(spec, '2026-03-11', calendar)).toMatchObject({ reason: 'exception', intervals: [{ from: '08:30', to: '12:00' }] });
    });

    it('are not shortened before a holiday', () => {
      expect(intervalsOn(spec, '2026-12-23', calendar)).toMatchObject({ reason: 'exception', intervals: [{ from: '08:30', to: '17:00' }] });
    });

    it('close a day, by flag or by an empty list', () => {
      expect(intervalsOn(spec, '2026-03-16', calendar)).toEqual({
        date: '2026-03-16', weekday: 1, closed: true, intervals: [], reason: 'exception',
        noteLv: 'Apkalpošana ārpus telpām', noteEn: 'Serving off-site',
      });
      expect(intervalsOn(spec, '2026-03-17', calendar)).toMatchObject({ closed: true, reason: 'exception' });
    });
  });
});

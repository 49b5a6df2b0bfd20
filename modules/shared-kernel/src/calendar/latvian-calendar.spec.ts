import { defaultCalendarData } from './default-calendar-data';
import { LatvianCalendar } from './latvian-calendar';

// Reference CSV, latvia.md §5c: date, name_lv, kind ('observed_day_off' → 'observed').
const REFERENCE_CSV = `
2025-01-01,Jaunais gads,holiday
2025-04-18,Lielā Piektdiena,holiday
2025-04-20,Lieldienas,holiday
2025-04-21,Otrās Lieldienas,holiday
2025-05-01,Darba svētki,holiday
2025-05-02,,transferred_off
2025-05-04,Neatkarības atjaunošanas diena,holiday
2025-05-05,,observed
2025-05-11,Mātes diena,holiday
2025-06-08,Vasarsvētki,holiday
2025-06-23,Līgo diena,holiday
2025-06-24,Jāņu diena,holiday
2025-11-18,Latvijas Republikas proklamēšanas diena,holiday
2025-12-24,Ziemassvētku vakars,holiday
2025-12-25,Ziemassvētki,holiday
2025-12-26,Otrie Ziemassvētki,holiday
2025-12-31,Vecgada vakars,holiday
2026-01-01,Jaunais gads,holiday
2026-01-02,,transferred_off
2026-04-03,Lielā Piektdiena,holiday
2026-04-05,Lieldienas,holiday
2026-04-06,Otrās Lieldienas,holiday
2026-05-01,Darba svētki,holiday
2026-05-04,Neatkarības atjaunošanas diena,holiday
2026-05-10,Mātes diena,holiday
2026-05-24,Vasarsvētki,holiday
2026-06-22,,transferred_off
2026-06-23,Līgo diena,holiday
2026-06-24,Jāņu diena,holiday
2026-11-18,Latvijas Republikas proklamēšanas diena,holiday
2026-12-24,Ziemassvētku vakars,holiday
2026-12-25,Ziemassvētki,holiday
2026-12-26,Otrie Ziemassvētki,holiday
2026-12-31,Vecgada vakars,holiday`
  .trim()
  .split('\n')
  .map((line) => line.split(','));

// Working days per month, equal to the CSB dataset darba-dienu-skaits (latvia.md §5c).
const MONTHLY_WORKING_DAYS: Record<number, number[]> = {
  2025: [22, 20, 21, 20, 20, 19, 23, 21, 22, 23, 19, 19],
  2026: [21, 20, 22, 20, 19, 20, 23, 21, 22, 22, 20, 20],
  2027: [20, 20, 21, 22, 20, 20, 22, 22, 22, 21, 21, 21],
};

describe('LatvianCalendar', () => {
  const calendar = new LatvianCalendar();

  describe.each([2025, 2026])('holidays(%i)', (year) => {
    const expected = REFERENCE_CSV.filter(([date]) => date.startsWith(`${year}-`));

    it('lists exactly the reference days with their kinds', () => {
      expect(calendar.holidays(year).map((h) => [h.date, h.kind])).toEqual(expected.map(([date, , kind]) => [date, kind]));
    });

    it('uses the reference Latvian names for holidays', () => {
      const holidays = calendar.holidays(year).filter((h) => h.kind === 'holiday');
      expect(holidays.map((h) => h.nameLv)).toEqual(expected.filter(([, , kind]) => kind === 'holiday').map(([, name]) => name));
    });
  });

  it('names every day in both languages', () => {
    for (const h of calendar.holidays(2025)) {
      expect(h.nameLv).not.toBe('');
      expect(h.nameEn).not.toBe('');
    }
  });

  describe.each(Object.entries(MONTHLY_WORKING_DAYS))('workingDaysInMonth in %s', (year, counts) => {
    it.each(counts.map((count, i) => [i + 1, count]))('month %i has %i working days', (month, count) => {
      expect(calendar.workingDaysInMonth(Number(year), month)).toBe(count);
    });
  });

  it('counts the norm hours published for December 2025 and January 2026', () => {
    // jauns.lv: December 2025 has 19 working days and 150 hours, January 2026 21 days and 168 hours.
    expect(calendar.workingHoursInMonth(2025, 12)).toBe(150);
    expect(calendar.workingHoursInMonth(2026, 1)).toBe(168);
  });

  it('has the 2027 Easter holidays and no observed days', () => {
    const holidays = calendar.holidays(2027);
    expect(holidays.filter((h) => h.nameEn.startsWith('Good') || h.nameEn.startsWith('Easter')).map((h) => h.date)).toEqual([
      '2027-03-26',
      '2027-03-28',
      '2027-03-29',
    ]);
    expect(holidays.filter((h) => h.kind !== 'holiday')).toEqual([]);
  });

  describe('weekend rule', () => {
    it('gives Monday 20 November 2028 off for 18 November on a Saturday', () => {
      expect(calendar.holidays(2028).filter((h) => h.kind === 'observed').map((h) => h.date)).toEqual(['2028-11-20']);
      expect(calendar.isDayOffByCalendar('2028-11-20')).toBe(true);
      expect(calendar.isPublicHoliday('2028-11-20')).toBe(false);
      expect(calendar.isWorkingDay('2028-11-20')).toBe(false);
      expect(calendar.isWorkingDay('2028-11-21')).toBe(true);
    });

    it('has the 2028 Easter holidays', () => {
      expect(calendar.isPublicHoliday('2028-04-14')).toBe(true);
      expect(calendar.isPublicHoliday('2028-04-17')).toBe(true);
    });

    it('does not move holidays other than 4 May, 18 November and the festival closing day', () => {
      // 26 December 2026 is a Saturday; 1 May 2027 too.
      expect(calendar.isWorkingDay('2026-12-28')).toBe(true);
      expect(calendar.isWorkingDay('2027-05-03')).toBe(true);
    });

    it('moves the Song Festival closing day off a Sunday (2018, 2023)', () => {
      expect(calendar.holidays(2023).find((h) => h.date === '2023-07-10')?.kind).toBe('observed');
      expect(calendar.holidays(2018).find((h) => h.date === '2018-07-09')?.kind).toBe('observed');
      expect(calendar.isPublicHoliday('2023-07-09')).toBe(true);
    });
  });

  it('closes on the one-off holidays', () => {
    expect(calendar.holidays(2023).find((h) => h.date === '2023-05-29')?.kind).toBe('adhoc');
    expect(calendar.isWorkingDay('2023-05-29')).toBe(false);
    expect(calendar.isWorkingDay('2018-09-24')).toBe(false);
  });

  describe('transferred working days', () => {
    it.each(defaultCalendarData.transfers.map((t) => [t.to, t.from]))('Saturday %s replaces %s', (saturday, weekday) => {
      expect(calendar.isTransferredWorkingDay(saturday)).toBe(true);
      expect(calendar.transferredWorkingDayReplaces(saturday)).toBe(weekday);
      expect(calendar.isWorkingDay(saturday)).toBe(true);
      expect(calendar.isWorkingDay(weekday)).toBe(false);
      expect(calendar.isDayOffByCalendar(weekday)).toBe(true);
    });

    it('knows ordinary days are not transferred', () => {
      expect(calendar.isTransferredWorkingDay('2026-01-10')).toBe(false);
      expect(calendar.transferredWorkingDayReplaces('2026-01-09')).toBeNull();
      expect(calendar.isWorkingDay('2026-01-10')).toBe(false);
    });

    it('can run without transfers for an institution that does not follow them', () => {
      const own = new LatvianCalendar({ ...defaultCalendarData, transfers: [] });
      expect(own.isWorkingDay('2026-01-02')).toBe(true);
      expect(own.isWorkingDay('2026-01-17')).toBe(false);
      expect(own.workingDaysInMonth(2026, 1)).toBe(21);
    });

    // 2027-12-27 → 2027-12-18 is hypothetical: no 2027 order exists yet.
  it('takes new years from admin data and rejects a transfer that is not weekday → Saturday', () => {
      const extended = new LatvianCalendar({
        ...defaultCalendarData,
        transfers: [...defaultCalendarData.transfers, { from: '2027-12-27', to: '2027-12-18', appliesTo: 'state_budget_institutions' }],
      });
      expect(extended.isWorkingDay('2027-12-18')).toBe(true);
      expect(extended.workingDaysInMonth(2027, 12)).toBe(21);
      expect(() => new LatvianCalendar({ ...defaultCalendarData, transfers: [{ from: '2027-12-27', to: '2027-12-19', appliesTo: 'recommended' }] })).toThrow(RangeError);
    });
  });

  describe('shortened pre-holiday days', () => {
    it.each([
      ['2025-12-23', 'before Christmas Eve'],
      ['2025-12-30', "before New Year's Eve"],
      ['2025-04-17', 'before Good Friday'],
      ['2025-04-30', 'before Labour Day'],
      ['2025-05-10', 'working Saturday before Mother’s Day (bauskasnovads.lv)'],
      ['2026-06-27', 'working Saturday replacing pre-holiday Monday 22 June'],
      ['2028-11-17', 'Friday before 18 November on a Saturday'],
    ])('%s is shortened (%s)', (date) => expect(calendar.isShortenedDay(date)).toBe(true));

    it.each([
      ['2025-12-22', 'an ordinary Monday'],
      ['2025-12-24', 'a holiday itself'],
      ['2025-06-20', 'the Friday before a Monday holiday: the day before is a Saturday'],
      ['2026-01-17', 'working Saturday replacing a Friday that was not pre-holiday'],
      ['2026-06-22', 'a transferred day off'],
      ['2028-11-18', 'a Saturday holiday'],
      ['2025-05-02', 'a transferred day off before a Saturday'],
    ])('%s is not shortened (%s)', (date) => expect(calendar.isShortenedDay(date)).toBe(false));

    it('does not shorten the day before an observed day off (a brīvdiena, not a svētku diena)', () => {
      expect(calendar.isPreHoliday('2028-11-19')).toBe(false);
    });
  });

  it('rejects malformed dates', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isPublicHoliday('1.1.2026')).toThrow(RangeError);
  });
});

import { gregorianEasterSunday } from './easter';
import type { Holiday } from './holiday';
import { addDays, isoWeekday, localDate } from './local-date';

/** A svētku diena under the law "Par svētku, atceres un atzīmējamām dienām", Art. 1. */
export interface StatutoryHoliday extends Holiday {
  readonly kind: 'holiday';
  /** 4 May, 18 November and the Song Festival closing day give the next working day off if on a weekend. */
  readonly movesOffWeekend: boolean;
}

interface HolidayRule {
  readonly nameLv: string;
  readonly nameEn: string;
  readonly date: (year: number, easter: string) => string;
  readonly sinceYear?: number;
  readonly movesOffWeekend?: boolean;
}

const fixed = (month: number, day: number) => (year: number) => localDate(year, month, day);
const fromEaster = (days: number) => (_year: number, easter: string) => addDays(easter, days);

const RULES: readonly HolidayRule[] = [
  { nameLv: 'Jaunais gads', nameEn: "New Year's Day", date: fixed(1, 1) },
  { nameLv: 'Lielā Piektdiena', nameEn: 'Good Friday', date: fromEaster(-2) },
  { nameLv: 'Lieldienas', nameEn: 'Easter Sunday', date: fromEaster(0) },
  { nameLv: 'Otrās Lieldienas', nameEn: 'Easter Monday', date: fromEaster(1) },
  { nameLv: 'Darba svētki', nameEn: 'Labour Day', date: fixed(5, 1) },
  {
    nameLv: 'Neatkarības atjaunošanas diena',
    nameEn: 'Restoration of Independence Day',
    date: fixed(5, 4),
    sinceYear: 2002,
    movesOffWeekend: true,
  },
  { nameLv: 'Mātes diena', nameEn: "Mother's Day", date: secondSundayOfMay },
  // Always a Sunday, but it still makes a working Saturday before it a shortened day.
  { nameLv: 'Vasarsvētki', nameEn: 'Whit Sunday', date: fromEaster(49) },
  { nameLv: 'Līgo diena', nameEn: 'Midsummer Eve', date: fixed(6, 23) },
  { nameLv: 'Jāņu diena', nameEn: 'Midsummer Day', date: fixed(6, 24) },
  {
    nameLv: 'Latvijas Republikas proklamēšanas diena',
    nameEn: 'Proclamation Day',
    date: fixed(11, 18),
    movesOffWeekend: true,
  },
  { nameLv: 'Ziemassvētku vakars', nameEn: 'Christmas Eve', date: fixed(12, 24), sinceYear: 2007 },
  { nameLv: 'Ziemassvētki', nameEn: 'Christmas Day', date: fixed(12, 25) },
  { nameLv: 'Otrie Ziemassvētki', nameEn: 'Second Day of Christmas', date: fixed(12, 26) },
  { nameLv: 'Vecgada vakars', nameEn: "New Year's Eve", date: fixed(12, 31) },
];

const SONG_FESTIVAL = {
  nameLv: 'Vispārējo latviešu Dziesmu un deju svētku noslēguma diena',
  nameEn: 'Song and Dance Festival closing day',
};

/** Public holidays of one year, in date order; festival closing days come from data. */
export function statutoryHolidays(year: number, songFestivalClosingDays: readonly string[]): StatutoryHoliday[] {
  const easter = gregorianEasterSunday(year);
  const fromRules = RULES.filter((rule) => (rule.sinceYear ?? 0) <= year).map(
    (rule): StatutoryHoliday => ({
      date: rule.date(year, easter),
      nameLv: rule.nameLv,
      nameEn: rule.nameEn,
      kind: 'holiday',
      movesOffWeekend: rule.movesOffWeekend ?? false,
    }),
  );
  const festival = songFestivalClosingDays
    .filter((date) => date.startsWith(`${year}-`))
    .map((date): StatutoryHoliday => ({ date, ...SONG_FESTIVAL, kind: 'holiday', movesOffWeekend: true }));
  return [...fromRules, ...festival].sort((a, b) => a.date.localeCompare(b.date));
}

function secondSundayOfMay(year: number): string {
  const first = localDate(year, 5, 1);
  return addDays(first, ((7 - isoWeekday(first)) % 7) + 7);
}

import type { HolidayCalendar } from './holiday-calendar.port';

export interface FakeCalendarFacts {
  daysOff?: readonly string[];
  shortened?: readonly string[];
  preHoliday?: readonly string[];
  /** Saturday worked → the weekday it replaces. */
  transfers?: Readonly<Record<string, string>>;
}

// For tests only: a calendar built from explicit lists, so each test states the facts it relies on.
export class FakeHolidayCalendar implements HolidayCalendar {
  private readonly daysOff: ReadonlySet<string>;
  private readonly shortened: ReadonlySet<string>;
  private readonly preHoliday: ReadonlySet<string>;
  private readonly transfers: Readonly<Record<string, string>>;

  constructor(facts: FakeCalendarFacts = {}) {
    this.daysOff = new Set(facts.daysOff);
    this.shortened = new Set(facts.shortened);
    this.preHoliday = new Set(facts.preHoliday);
    this.transfers = { ...facts.transfers };
  }

  isDayOffByCalendar(date: string): boolean {
    return this.daysOff.has(date);
  }

  isShortenedDay(date: string): boolean {
    return this.shortened.has(date);
  }

  isPreHoliday(date: string): boolean {
    return this.preHoliday.has(date);
  }

  transferredWorkingDayReplaces(date: string): string | null {
    return this.transfers[date] ?? null;
  }
}

/** Latvia's 2026 facts from the reference (latvia.md §5c). */
export const latvia2026 = (): FakeHolidayCalendar =>
  new FakeHolidayCalendar({
    daysOff: [
      '2026-01-01', '2026-01-02', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-01', '2026-05-04',
      '2026-05-10', '2026-05-24', '2026-06-22', '2026-06-23', '2026-06-24', '2026-11-18',
      '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31',
    ],
    shortened: ['2026-04-02', '2026-04-30', '2026-11-17', '2026-12-23', '2026-12-30'],
    // Saturdays before Sunday holidays: not working days nationally, but a Saturday-open centre closes early.
    preHoliday: ['2026-04-04', '2026-05-09', '2026-05-23'],
    transfers: { '2026-01-17': '2026-01-02', '2026-06-27': '2026-06-22' },
  });

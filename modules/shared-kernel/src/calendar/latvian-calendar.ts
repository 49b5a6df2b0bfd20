import type { CalendarData, WorkingDayTransfer } from './calendar-data';
import { defaultCalendarData } from './default-calendar-data';
import type { Holiday } from './holiday';
import { addDays, assertLocalDate, daysInMonth, isoWeekday, isWeekend, localDate, yearOf } from './local-date';
import { statutoryHolidays, type StatutoryHoliday } from './statutory-holidays';

/**
 * Latvian public holidays and working days for a Mon–Fri institution (Europe/Riga local dates,
 * 'YYYY-MM-DD'). Transfers, one-off holidays and Song Festival dates come from {@link CalendarData}.
 */
export class LatvianCalendar {
  private readonly transferByFrom = new Map<string, WorkingDayTransfer>();
  private readonly transferByTo = new Map<string, WorkingDayTransfer>();
  private readonly statutoryCache = new Map<number, StatutoryHoliday[]>();
  private readonly yearCache = new Map<number, Map<string, Holiday[]>>();

  constructor(private readonly data: CalendarData = defaultCalendarData) {
    for (const transfer of data.transfers) {
      assertTransfer(transfer);
      this.transferByFrom.set(transfer.from, transfer);
      this.transferByTo.set(transfer.to, transfer);
    }
    data.adHocHolidays.forEach((holiday) => assertLocalDate(holiday.date));
    data.songFestivalClosingDays.forEach(assertLocalDate);
  }

  /** Every day off of the year in date order: holidays (also on weekends), observed, transferred and ad-hoc. */
  holidays(year: number): Holiday[] {
    return [...this.year(year).values()].flat();
  }

  /** A svētku diena: statutory or one-off holiday; not an observed or transferred day off. */
  isPublicHoliday(date: string): boolean {
    return this.entries(date).some((day) => day.kind === 'holiday' || day.kind === 'adhoc');
  }

  /** Closed by the calendar, whatever the weekly schedule says for that weekday. */
  isDayOffByCalendar(date: string): boolean {
    return this.entries(date).length > 0;
  }

  isTransferredWorkingDay(date: string): boolean {
    return this.transferredWorkingDayReplaces(date) !== null;
  }

  /** The weekday whose work a transferred Saturday takes over, or null. */
  transferredWorkingDayReplaces(date: string): string | null {
    assertLocalDate(date);
    return this.transferByTo.get(date)?.from ?? null;
  }

  isWorkingDay(date: string): boolean {
    if (this.isTransferredWorkingDay(date)) return true;
    return !isWeekend(date) && !this.isDayOffByCalendar(date);
  }

  /** The next calendar day is a public holiday. */
  isPreHoliday(date: string): boolean {
    assertLocalDate(date);
    return this.isPublicHoliday(addDays(date, 1));
  }

  /**
   * A working day one hour shorter (Darba likums Art. 135): the day right before a public holiday.
   * A transferred Saturday also keeps the pre-holiday status of the day it replaces (VDI).
   */
  isShortenedDay(date: string): boolean {
    if (!this.isWorkingDay(date)) return false;
    const replaced = this.transferredWorkingDayReplaces(date);
    return this.isPreHoliday(date) || (replaced !== null && this.isPreHoliday(replaced));
  }

  workingDaysInMonth(year: number, month: number): number {
    return this.monthDates(year, month).filter((date) => this.isWorkingDay(date)).length;
  }

  /** Norm hours of a month: working days × hoursPerDay, minus one hour per shortened day. */
  workingHoursInMonth(year: number, month: number, hoursPerDay = 8): number {
    const dates = this.monthDates(year, month).filter((date) => this.isWorkingDay(date));
    return dates.length * hoursPerDay - dates.filter((date) => this.isShortenedDay(date)).length;
  }

  private entries(date: string): Holiday[] {
    assertLocalDate(date);
    return this.year(yearOf(date)).get(date) ?? [];
  }

  private monthDates(year: number, month: number): string[] {
    return Array.from({ length: daysInMonth(year, month) }, (_, i) => localDate(year, month, i + 1));
  }

  private year(year: number): Map<string, Holiday[]> {
    let days = this.yearCache.get(year);
    if (!days) {
      days = groupByDate(this.computeYear(year));
      this.yearCache.set(year, days);
    }
    return days;
  }

  private computeYear(year: number): Holiday[] {
    const statutory = this.statutory(year);
    const observed = statutory.filter((h) => h.movesOffWeekend && isWeekend(h.date)).map((h) => this.observedFor(h));
    const transferred = this.data.transfers
      .filter((t) => yearOf(t.from) === year)
      .map(
        (t): Holiday => ({
          date: t.from,
          nameLv: `Brīvdiena (darba diena pārcelta uz ${t.to})`,
          nameEn: `Day off (working day moved to ${t.to})`,
          kind: 'transferred_off',
        }),
      );
    const adHoc = this.data.adHocHolidays
      .filter((h) => yearOf(h.date) === year)
      .map((h): Holiday => ({ date: h.date, nameLv: h.nameLv, nameEn: h.nameEn, kind: 'adhoc' }));
    const holidays: Holiday[] = statutory.map(({ date, nameLv, nameEn, kind }) => ({ date, nameLv, nameEn, kind }));
    return [...holidays, ...observed, ...transferred, ...adHoc].sort((a, b) => a.date.localeCompare(b.date));
  }

  // "nākamo darbdienu nosaka par brīvdienu": the next Mon–Fri that is not already off.
  private observedFor(holiday: StatutoryHoliday): Holiday {
    let date = addDays(holiday.date, 1);
    while (isWeekend(date) || this.isStatutoryOrScheduledOff(date)) date = addDays(date, 1);
    return { date, nameLv: `${holiday.nameLv} (brīvdiena)`, nameEn: `${holiday.nameEn} (observed)`, kind: 'observed' };
  }

  private isStatutoryOrScheduledOff(date: string): boolean {
    return (
      this.statutory(yearOf(date)).some((h) => h.date === date) ||
      this.transferByFrom.has(date) ||
      this.data.adHocHolidays.some((h) => h.date === date)
    );
  }

  private statutory(year: number): StatutoryHoliday[] {
    let holidays = this.statutoryCache.get(year);
    if (!holidays) {
      holidays = statutoryHolidays(year, this.data.songFestivalClosingDays);
      this.statutoryCache.set(year, holidays);
    }
    return holidays;
  }
}

function groupByDate(holidays: Holiday[]): Map<string, Holiday[]> {
  const byDate = new Map<string, Holiday[]>();
  for (const holiday of holidays) byDate.set(holiday.date, [...(byDate.get(holiday.date) ?? []), holiday]);
  return byDate;
}

// Art. 133(4) moves a weekday to a Saturday; anything else is a data-entry mistake.
function assertTransfer(transfer: WorkingDayTransfer): void {
  assertLocalDate(transfer.from);
  assertLocalDate(transfer.to);
  if (isWeekend(transfer.from) || isoWeekday(transfer.to) !== 6) {
    throw new RangeError(`Transfer ${transfer.from} → ${transfer.to} must move a weekday to a Saturday`);
  }
}

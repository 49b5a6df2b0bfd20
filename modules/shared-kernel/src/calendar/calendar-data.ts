/**
 * A Cabinet (MK) order moving one working day to a Saturday of the same month
 * (Darba likums Art. 133(4)). Binding on state-budget institutions with a Mon–Fri week,
 * recommended to municipalities and businesses.
 */
export interface WorkingDayTransfer {
  /** The weekday that becomes a day off, 'YYYY-MM-DD'. */
  readonly from: string;
  /** The Saturday worked instead, 'YYYY-MM-DD'. */
  readonly to: string;
  readonly appliesTo: 'state_budget_institutions' | 'recommended';
  readonly source?: string;
}

/** A one-off holiday set by a special law (e.g. the 2023 hockey bronze). */
export interface AdHocHoliday {
  readonly date: string;
  readonly nameLv: string;
  readonly nameEn: string;
  readonly source?: string;
}

/** Calendar facts that the law does not let us compute; admins add each new year's orders. */
export interface CalendarData {
  readonly transfers: readonly WorkingDayTransfer[];
  readonly adHocHolidays: readonly AdHocHoliday[];
  /** Closing days of the General Latvian Song and Dance Festival, 'YYYY-MM-DD'. */
  readonly songFestivalClosingDays: readonly string[];
}

export function mergeCalendarData(base: CalendarData, extra: Partial<CalendarData>): CalendarData {
  return {
    transfers: [...base.transfers, ...(extra.transfers ?? [])],
    adHocHolidays: [...base.adHocHolidays, ...(extra.adHocHolidays ?? [])],
    songFestivalClosingDays: [...base.songFestivalClosingDays, ...(extra.songFestivalClosingDays ?? [])],
  };
}

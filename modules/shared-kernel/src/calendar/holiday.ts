/**
 * holiday: svētku diena by law; observed: the day off after 4 May, 18 Nov or the Song Festival
 * closing day falling on a weekend (a brīvdiena, not a svētku diena); transferred_off: a weekday
 * moved to a Saturday by MK order; adhoc: a one-off holiday set by a special law.
 */
export type HolidayKind = 'holiday' | 'observed' | 'transferred_off' | 'adhoc';

export interface Holiday {
  readonly date: string;
  readonly nameLv: string;
  readonly nameEn: string;
  readonly kind: HolidayKind;
}

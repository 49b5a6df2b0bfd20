import { IANAZone } from 'luxon';
import type { FieldError } from '@modules/shared-kernel';
import { isHhmm, minutesOf } from './hhmm';
import { isIsoDate, isMonthDay } from './local-date';
import { fieldError } from './opening-hours-errors';
import type { OpeningHoursSpec } from './opening-hours-spec';

const WEEKDAY_KEY = /^[1-7]$/;
const NTH_VALUES: readonly unknown[] = [1, 2, 3, 4, -1];

type Errors = FieldError[];
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks untrusted input against the OpeningHoursSpec rules; an empty list means valid. */
export function validateOpeningHoursSpec(spec: unknown): FieldError[] {
  const errors: Errors = [];
  if (!isObject(spec)) return [fieldError('', 'OPENING_HOURS.NOT_AN_OBJECT')];

  if (spec.timeZone !== undefined && (typeof spec.timeZone !== 'string' || !IANAZone.isValidZone(spec.timeZone))) {
    errors.push(fieldError('timeZone', 'OPENING_HOURS.INVALID_TIME_ZONE'));
  }
  if (spec.weekly === undefined) errors.push(fieldError('weekly', 'OPENING_HOURS.REQUIRED'));
  else checkWeekly(spec.weekly, 'weekly', errors);

  checkList(spec.seasons, 'seasons', errors, (season, field) => {
    checkNonEmptyString(season.name, `${field}.name`, errors);
    for (const key of ['from', 'to'] as const) {
      if (!isMonthDay(season[key])) errors.push(fieldError(`${field}.${key}`, 'OPENING_HOURS.INVALID_MONTH_DAY'));
    }
    if (season.weekly === undefined) errors.push(fieldError(`${field}.weekly`, 'OPENING_HOURS.REQUIRED'));
    else checkWeekly(season.weekly, `${field}.weekly`, errors);
  });

  checkList(spec.monthlyClosedDays, 'monthlyClosedDays', errors, (rule, field) => {
    if (!Number.isInteger(rule.weekday) || (rule.weekday as number) < 1 || (rule.weekday as number) > 7) {
      errors.push(fieldError(`${field}.weekday`, 'OPENING_HOURS.INVALID_WEEKDAY'));
    }
    if (!NTH_VALUES.includes(rule.nth)) errors.push(fieldError(`${field}.nth`, 'OPENING_HOURS.INVALID_NTH'));
    checkOptionalString(rule, ['reasonLv', 'reasonEn'], field, errors);
  });

  const seenDates = new Set<string>();
  checkList(spec.exceptions, 'exceptions', errors, (exception, field) => {
    if (!isIsoDate(exception.date)) errors.push(fieldError(`${field}.date`, 'OPENING_HOURS.INVALID_DATE'));
    else if (seenDates.has(exception.date)) errors.push(fieldError(`${field}.date`, 'OPENING_HOURS.DUPLICATE_DATE'));
    else seenDates.add(exception.date);
    checkException(exception, field, errors);
  });

  for (const flag of ['closedOnPublicHolidays', 'shortenBeforeHolidays'] as const) {
    if (spec[flag] !== undefined && typeof spec[flag] !== 'boolean') errors.push(fieldError(flag, 'OPENING_HOURS.NOT_A_BOOLEAN'));
  }
  return errors;
}

export function isValidOpeningHoursSpec(spec: unknown): spec is OpeningHoursSpec {
  return validateOpeningHoursSpec(spec).length === 0;
}

function checkException(exception: Record<string, unknown>, field: string, errors: Errors): void {
  if (exception.closed !== undefined && typeof exception.closed !== 'boolean') {
    errors.push(fieldError(`${field}.closed`, 'OPENING_HOURS.NOT_A_BOOLEAN'));
  }
  if (exception.intervals !== undefined) checkIntervals(exception.intervals, `${field}.intervals`, errors);
  const hasIntervals = Array.isArray(exception.intervals) && exception.intervals.length > 0;
  if (exception.closed === true && hasIntervals) errors.push(fieldError(field, 'OPENING_HOURS.CLOSED_WITH_INTERVALS'));
  // `intervals: []` is an explicit "closed"; leaving both out says nothing and is likely a mistake.
  if (exception.closed !== true && exception.intervals === undefined) {
    errors.push(fieldError(field, 'OPENING_HOURS.EXCEPTION_WITHOUT_HOURS'));
  }
  checkOptionalString(exception, ['noteLv', 'noteEn'], field, errors);
}

function checkWeekly(weekly: unknown, field: string, errors: Errors): void {
  if (!isObject(weekly)) {
    errors.push(fieldError(field, 'OPENING_HOURS.NOT_AN_OBJECT'));
    return;
  }
  for (const [key, intervals] of Object.entries(weekly)) {
    if (!WEEKDAY_KEY.test(key)) errors.push(fieldError(`${field}.${key}`, 'OPENING_HOURS.INVALID_WEEKDAY'));
    else checkIntervals(intervals, `${field}.${key}`, errors);
  }
}

function checkIntervals(intervals: unknown, field: string, errors: Errors): void {
  if (!Array.isArray(intervals)) {
    errors.push(fieldError(field, 'OPENING_HOURS.NOT_A_LIST'));
    return;
  }
  let previous: { from: number; to: number } | undefined;
  intervals.forEach((interval: unknown, index) => {
    const at = `${field}[${index}]`;
    if (!isObject(interval)) {
      errors.push(fieldError(at, 'OPENING_HOURS.NOT_AN_OBJECT'));
      return;
    }
    const fromOk = isHhmm(interval.from);
    const toOk = isHhmm(interval.to);
    if (!fromOk) errors.push(fieldError(`${at}.from`, 'OPENING_HOURS.INVALID_TIME'));
    if (!toOk) errors.push(fieldError(`${at}.to`, 'OPENING_HOURS.INVALID_TIME'));
    if (!fromOk || !toOk) return;
    const current = { from: minutesOf(interval.from as string), to: minutesOf(interval.to as string) };
    if (current.from >= current.to) {
      errors.push(fieldError(at, 'OPENING_HOURS.EMPTY_INTERVAL'));
      return;
    }
    // Touching intervals (12:00–12:00) are allowed; they read as one.
    if (previous && current.from < previous.from) errors.push(fieldError(at, 'OPENING_HOURS.INTERVALS_NOT_SORTED'));
    else if (previous && current.from < previous.to) errors.push(fieldError(at, 'OPENING_HOURS.INTERVALS_OVERLAP'));
    previous = current;
  });
}

function checkList(
  value: unknown,
  field: string,
  errors: Errors,
  checkItem: (item: Record<string, unknown>, field: string) => void,
): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    errors.push(fieldError(field, 'OPENING_HOURS.NOT_A_LIST'));
    return;
  }
  value.forEach((item: unknown, index) => {
    if (isObject(item)) checkItem(item, `${field}[${index}]`);
    else errors.push(fieldError(`${field}[${index}]`, 'OPENING_HOURS.NOT_AN_OBJECT'));
  });
}

function checkNonEmptyString(value: unknown, field: string, errors: Errors): void {
  if (value === undefined || value === '') errors.push(fieldError(field, 'OPENING_HOURS.REQUIRED'));
  else if (typeof value !== 'string') errors.push(fieldError(field, 'OPENING_HOURS.NOT_A_STRING'));
}

function checkOptionalString(item: Record<string, unknown>, keys: readonly string[], field: string, errors: Errors): void {
  for (const key of keys) {
    if (item[key] !== undefined && typeof item[key] !== 'string') errors.push(fieldError(`${field}.${key}`, 'OPENING_HOURS.NOT_A_STRING'));
  }
}

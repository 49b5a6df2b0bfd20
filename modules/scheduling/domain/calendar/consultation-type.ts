import { newId } from '@modules/shared-kernel';
import { FieldErrors } from './calendar-errors';

/** An institution's booking policy for one service's video consultations. */
export interface ConsultationType {
  readonly id: string;
  readonly institutionId: string;
  readonly serviceCode: string;
  readonly durationMinutes: number;
  /** Preparation time kept free before the meeting (specialist and booth). */
  readonly bufferBeforeMinutes: number;
  /** Wrap-up time kept free after the meeting (specialist and booth). */
  readonly bufferAfterMinutes: number;
  /** How long before its start a slot can still be booked. */
  readonly minimumNoticeMinutes: number;
  /** Slots may start on local dates up to today + this many days. */
  readonly bookingHorizonDays: number;
  /** Bookings one specialist may have per local day; null means no limit. */
  readonly maxPerSpecialistPerDay: number | null;
  /** Slot starts fall on local wall-clock multiples of this since midnight (30 → :00 and :30). */
  readonly slotIntervalMinutes: number;
}

export interface ConsultationTypeInput {
  id?: string;
  institutionId: string;
  serviceCode: string;
  durationMinutes: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  minimumNoticeMinutes?: number;
  bookingHorizonDays?: number;
  maxPerSpecialistPerDay?: number | null;
  /** Defaults to the duration. */
  slotIntervalMinutes?: number;
}

const DAY_MINUTES = 24 * 60;

/** A validated consultation type with defaults; throws CONSULTATION_TYPE.INVALID with field errors. */
export function consultationType(input: ConsultationTypeInput): ConsultationType {
  const type: ConsultationType = {
    id: input.id ?? newId(),
    institutionId: input.institutionId,
    serviceCode: input.serviceCode,
    durationMinutes: input.durationMinutes,
    bufferBeforeMinutes: input.bufferBeforeMinutes ?? 0,
    bufferAfterMinutes: input.bufferAfterMinutes ?? 0,
    minimumNoticeMinutes: input.minimumNoticeMinutes ?? 0,
    bookingHorizonDays: input.bookingHorizonDays ?? 30,
    maxPerSpecialistPerDay: input.maxPerSpecialistPerDay ?? null,
    slotIntervalMinutes: input.slotIntervalMinutes ?? input.durationMinutes,
  };
  const errors = new FieldErrors();
  const wholeMinutes = (field: keyof ConsultationType, min: number, max: number): void => {
    const value = type[field] as number;
    const ok = Number.isInteger(value) && value >= min && value <= max;
    errors.check(ok, field, 'OUT_OF_RANGE', `Vērtībai jābūt veselam skaitlim no ${min} līdz ${max}.`, `Must be a whole number from ${min} to ${max}.`);
  };
  errors.check(type.institutionId.trim() !== '', 'institutionId', 'REQUIRED', 'Norādiet iestādi.', 'Give the institution.');
  errors.check(type.serviceCode.trim() !== '', 'serviceCode', 'REQUIRED', 'Norādiet pakalpojumu.', 'Give the service.');
  wholeMinutes('durationMinutes', 5, 8 * 60);
  wholeMinutes('bufferBeforeMinutes', 0, 120);
  wholeMinutes('bufferAfterMinutes', 0, 120);
  wholeMinutes('minimumNoticeMinutes', 0, 30 * DAY_MINUTES);
  wholeMinutes('bookingHorizonDays', 1, 366);
  wholeMinutes('slotIntervalMinutes', 5, DAY_MINUTES);
  if (type.maxPerSpecialistPerDay !== null) wholeMinutes('maxPerSpecialistPerDay', 1, 200);
  errors.throwIfAny('CONSULTATION_TYPE.INVALID');
  return Object.freeze(type);
}

import { newId, type DomainError } from '@modules/shared-kernel';
import { blockedRangeOf, earliestStart, horizonEnd, meetingRange } from './booking-policy';
import { isBlockingStatus, type BookingStatus } from './booking-status';
import { calendarError, type CalendarErrorCode } from './calendar-errors';
import { citizenReference, type CitizenReference } from './citizen-reference';
import type { ConsultationType } from './consultation-type';
import { MINUTE_MS, RIGA } from './local-time';
import type { Specialist } from './specialist';
import type { TimeRange } from './time-range';

export const DEFAULT_HOLD_MINUTES = 5;
export const ICALENDAR_UID_DOMAIN = 'vpvkac.gov.lv';
export const HOLD_EXPIRED_REASON = 'HOLD_EXPIRED';

export interface HoldBookingInput {
  id?: string;
  consultationType: ConsultationType;
  specialist: Specialist;
  centreId: string;
  boothId: string;
  start: Date;
  /** The clerk (or the citizen's session) making the booking. */
  createdBy: string;
  now: Date;
  citizen?: CitizenReference;
  holdMinutes?: number;
  /** Zone of the booking horizon; Europe/Riga by default. */
  timeZone?: string;
}

/** Every field, as the repository stores and restores it. */
export interface BookingProps {
  id: string;
  uid: string;
  consultationTypeId: string;
  serviceCode: string;
  institutionId: string;
  specialistId: string;
  centreId: string;
  boothId: string;
  start: Date;
  end: Date;
  blockedRange: TimeRange;
  status: BookingStatus;
  holdExpiresAt?: Date;
  citizen?: CitizenReference;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  confirmedAt?: Date;
  rescheduledFromId?: string;
  rescheduledToId?: string;
  cancelReason?: string;
  sequence: number;
}

/**
 * A video consultation at a booth. Created as a short hold, then confirmed; every change bumps
 * `sequence` (iCalendar SEQUENCE) while `uid` stays. Rescheduling links a new booking to this one.
 * Overlaps are prevented by the database (exclusion constraints on `blockedRange`), not here.
 */
export class Booking implements BookingProps {
  id!: string;
  uid!: string;
  consultationTypeId!: string;
  serviceCode!: string;
  institutionId!: string;
  specialistId!: string;
  centreId!: string;
  boothId!: string;
  start!: Date;
  end!: Date;
  /** The meeting with buffers: what the specialist and the booth are kept free for. */
  blockedRange!: TimeRange;
  status!: BookingStatus;
  holdExpiresAt?: Date;
  citizen?: CitizenReference;
  createdBy!: string;
  createdAt!: Date;
  updatedAt!: Date;
  confirmedAt?: Date;
  rescheduledFromId?: string;
  rescheduledToId?: string;
  cancelReason?: string;
  sequence = 0;

  private constructor(props: BookingProps) {
    Object.assign(this, props);
  }

  static restore(props: BookingProps): Booking {
    return new Booking({ ...props, blockedRange: { ...props.blockedRange } });
  }

  /** Holds a slot for a few minutes while the clerk finishes; checks notice, horizon and the specialist. */
  static hold(input: HoldBookingInput): Booking {
    const { consultationType: type, specialist, now, start } = input;
    if (Number.isNaN(start.getTime())) throw calendarError('BOOKING.INVALID', { field: 'start' });
    if (!specialist.active) throw calendarError('BOOKING.SPECIALIST_INACTIVE', { specialistId: specialist.id });
    if (specialist.institutionId !== type.institutionId || !specialist.serviceCodes.includes(type.serviceCode)) {
      throw calendarError('BOOKING.SPECIALIST_DOES_NOT_SERVE', { specialistId: specialist.id, serviceCode: type.serviceCode });
    }
    const earliest = earliestStart(type, now);
    if (start < earliest) throw calendarError('BOOKING.TOO_SHORT_NOTICE', { earliestStart: earliest.toISOString() });
    const latest = horizonEnd(type, now, input.timeZone ?? RIGA);
    if (start >= latest) throw calendarError('BOOKING.BEYOND_HORIZON', { horizonEnd: latest.toISOString() });
    const holdMinutes = input.holdMinutes ?? DEFAULT_HOLD_MINUTES;
    if (!(holdMinutes > 0)) throw calendarError('BOOKING.INVALID', { field: 'holdMinutes' });
    const id = input.id ?? newId();
    return new Booking({
      id,
      uid: `${id}@${ICALENDAR_UID_DOMAIN}`,
      consultationTypeId: type.id,
      serviceCode: type.serviceCode,
      institutionId: type.institutionId,
      specialistId: specialist.id,
      centreId: input.centreId,
      boothId: input.boothId,
      start,
      end: meetingRange(type, start).end,
      blockedRange: blockedRangeOf(type, start),
      status: 'held',
      holdExpiresAt: new Date(now.getTime() + holdMinutes * MINUTE_MS),
      ...(input.citizen && { citizen: citizenReference(input.citizen) }),
      createdBy: input.createdBy,
      createdAt: now,
      updatedAt: now,
      sequence: 0,
    });
  }

  /** Holding the specialist and the booth right now: confirmed, or held and not yet expired. */
  isActiveAt(now: Date): boolean {
    return this.status === 'confirmed' || (this.status === 'held' && !this.holdHasExpired(now));
  }

  /** In a status the database exclusion constraints count (an expired hold still does until released). */
  get blocksCalendar(): boolean {
    return isBlockingStatus(this.status);
  }

  holdHasExpired(now: Date): boolean {
    return this.holdExpiresAt !== undefined && now >= this.holdExpiresAt;
  }

  /** Turns an unexpired hold into a booking. */
  confirm(now: Date): void {
    this.mustBe(['held'], 'confirm');
    if (this.holdHasExpired(now)) throw this.error('BOOKING.HOLD_EXPIRED', { holdExpiredAt: this.holdExpiresAt?.toISOString() });
    this.change(now, () => {
      this.status = 'confirmed';
      this.confirmedAt = now;
      this.holdExpiresAt = undefined;
    });
  }

  /** Releases a lapsed hold (the sweeper's job); false while it has not lapsed yet. */
  expireHold(now: Date): boolean {
    this.mustBe(['held'], 'expire');
    if (!this.holdHasExpired(now)) return false;
    this.change(now, () => {
      this.status = 'cancelled';
      this.cancelReason = HOLD_EXPIRED_REASON;
    });
    return true;
  }

  cancel(reason: string, now: Date): void {
    this.mustBe(['held', 'confirmed'], 'cancel');
    if (reason.trim() === '') throw this.error('BOOKING.CANCEL_REASON_REQUIRED');
    if (now >= this.end) throw this.error('BOOKING.ALREADY_ENDED');
    this.change(now, () => {
      this.status = 'cancelled';
      this.cancelReason = reason.trim();
    });
  }

  /** The citizen did not come to the booth. */
  markNoShow(now: Date): void {
    this.mustBe(['confirmed'], 'mark_no_show');
    if (now < this.start) throw this.error('BOOKING.NOT_STARTED');
    this.change(now, () => (this.status = 'no_show'));
  }

  complete(now: Date): void {
    this.mustBe(['confirmed'], 'complete');
    if (now < this.start) throw this.error('BOOKING.NOT_STARTED');
    this.change(now, () => (this.status = 'completed'));
  }

  /**
   * Moves the consultation to `newBooking` (held or confirmed, same institution and service):
   * links both ways; this one becomes 'rescheduled' and stops blocking its time.
   */
  rescheduleTo(newBooking: Booking, now: Date): void {
    this.mustBe(['confirmed'], 'reschedule');
    if (now >= this.start) throw this.error('BOOKING.ALREADY_STARTED');
    const fits =
      newBooking.id !== this.id &&
      newBooking.institutionId === this.institutionId &&
      newBooking.serviceCode === this.serviceCode &&
      isBlockingStatus(newBooking.status) &&
      newBooking.rescheduledFromId === undefined;
    if (!fits) throw this.error('BOOKING.RESCHEDULE_MISMATCH', { newBookingId: newBooking.id });
    this.change(now, () => {
      this.status = 'rescheduled';
      this.rescheduledToId = newBooking.id;
    });
    newBooking.change(now, () => (newBooking.rescheduledFromId = this.id));
  }

  /** Hands a booking to a colleague (an absence hand-off); same time, booth and uid. */
  reassignTo(specialistId: string, now: Date): void {
    this.mustBe(['held', 'confirmed'], 'reassign');
    if (now >= this.start) throw this.error('BOOKING.ALREADY_STARTED');
    if (specialistId === this.specialistId) return;
    this.change(now, () => (this.specialistId = specialistId));
  }

  toProps(): BookingProps {
    return { ...this, blockedRange: { ...this.blockedRange }, ...(this.citizen && { citizen: { ...this.citizen } }) };
  }

  private change(now: Date, apply: () => void): void {
    apply();
    this.sequence++;
    this.updatedAt = now;
  }

  private mustBe(allowed: readonly BookingStatus[], action: string): void {
    if (!allowed.includes(this.status)) throw this.error('BOOKING.ILLEGAL_TRANSITION', { status: this.status, action, allowedFrom: allowed });
  }

  private error(code: CalendarErrorCode, extensions: Record<string, unknown> = {}): DomainError {
    return calendarError(code, { bookingId: this.id, ...extensions });
  }
}

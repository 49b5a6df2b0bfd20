import { LatvianCalendar } from '@modules/shared-kernel';
import { availabilitySchedule, type AvailabilityScheduleInput, type WeeklyRules } from './availability-schedule';
import { Booking, type HoldBookingInput } from './booking';
import { consultationType, type ConsultationType, type ConsultationTypeInput } from './consultation-type';
import { createSpecialist, type CreateSpecialistInput, type Specialist } from './specialist';
import type { TimeRange } from './time-range';

export const LATVIA = new LatvianCalendar();
export const INSTITUTION = '7d0c5a4e-1f0b-4c8e-9a55-0b2f8c1d2e01';
export const CENTRE = 'centre-talsi';
export const SERVICE = 'VID-KONS';

/** 'YYYY-MM-DDTHH:mm' read as UTC. */
export const z = (isoMinutes: string): Date => new Date(`${isoMinutes}:00Z`);
export const range = (start: string, end: string): TimeRange => ({ start: z(start), end: z(end) });
export const iso = (ranges: readonly TimeRange[]): string[] => ranges.map((r) => `${r.start.toISOString().slice(0, 16)}–${r.end.toISOString().slice(11, 16)}`);

/** Mon–Fri 09:00–17:00 with a lunch break 12:00–12:30. */
export const OFFICE_WEEK: WeeklyRules = Object.fromEntries(
  [1, 2, 3, 4, 5].map((day) => [day, [{ from: '09:00', to: '12:00' }, { from: '12:30', to: '17:00' }]]),
) as WeeklyRules;

/** Every day 09:00–17:00, weekends included (for the DST Sundays). */
export const EVERY_DAY: WeeklyRules = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((day) => [day, [{ from: '09:00', to: '17:00' }]])) as WeeklyRules;

export const aConsultationType = (overrides: Partial<ConsultationTypeInput> = {}): ConsultationType =>
  consultationType({ id: 'type-vid', institutionId: INSTITUTION, serviceCode: SERVICE, durationMinutes: 30, bookingHorizonDays: 60, ...overrides });

export const aSpecialist = (id: string, overrides: Partial<CreateSpecialistInput> = {}): Specialist =>
  createSpecialist({ id, institutionId: INSTITUTION, userId: `user-${id}`, displayName: `Speciālists ${id}`, serviceCodes: [SERVICE], ...overrides });

export const aSchedule = (specialistId: string, overrides: Partial<AvailabilityScheduleInput> = {}) =>
  availabilitySchedule({ specialistId, weekly: OFFICE_WEEK, ...overrides });

/** A confirmed booking (held one minute before `now`). */
export function aConfirmedBooking(start: Date, overrides: Partial<HoldBookingInput> = {}): Booking {
  const now = overrides.now ?? new Date(start.getTime() - 7 * 86_400_000);
  const booking = Booking.hold({
    consultationType: aConsultationType(),
    specialist: aSpecialist('anna'),
    centreId: CENTRE,
    boothId: 'booth-1',
    start,
    createdBy: 'clerk-ilze',
    ...overrides,
    now,
  });
  booking.confirm(new Date(now.getTime() + 60_000));
  return booking;
}

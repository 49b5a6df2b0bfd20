import { assertAppointmentCheckIn, CHECK_IN_OPENS_BEFORE_MS } from './appointment-check-in';
import { codeOf } from './queue.fixture';

describe('checking in a booked appointment at the walk-in queue', () => {
  const start = new Date('2026-12-01T10:00:00Z');
  const booking = { id: 'b-1', centreId: 'c-1', status: 'confirmed', start, end: new Date('2026-12-01T10:30:00Z') };
  const at = (ms: number) => new Date(start.getTime() + ms);
  const check = (b: typeof booking | null, now: Date, holder?: { number: string }, centreId = 'c-1') => codeOf(() => assertAppointmentCheckIn(b, centreId, now, holder));

  it('lets a confirmed booking of the centre in from an hour before its start until its end', () => {
    for (const now of [at(-CHECK_IN_OPENS_BEFORE_MS), at(0), at(30 * 60_000 - 1)]) expect(() => assertAppointmentCheckIn(booking, 'c-1', now, undefined)).not.toThrow();
  });

  it('refuses it earlier, at its end and later', () => {
    expect(check(booking, at(-CHECK_IN_OPENS_BEFORE_MS - 1))).toBe('QUEUE.APPOINTMENT_NOT_DUE');
    expect(check(booking, at(30 * 60_000))).toBe('QUEUE.APPOINTMENT_NOT_DUE');
  });

  it.each(['held', 'cancelled', 'no_show', 'completed', 'rescheduled'])('refuses a %s booking', (status) => {
    expect(check({ ...booking, status }, at(0))).toBe('QUEUE.APPOINTMENT_NOT_DUE');
  });

  it('does not know a missing booking or another centre’s (a validation error on the field)', () => {
    expect(check(null, at(0))).toBe('QUEUE.APPOINTMENT_UNKNOWN');
    expect(check(booking, at(0), undefined, 'c-2')).toBe('QUEUE.APPOINTMENT_UNKNOWN');
  });

  it('refuses a second check-in while a ticket holds the appointment', () => {
    expect(check(booking, at(0), { number: 'A007' })).toBe('QUEUE.APPOINTMENT_CHECKED_IN');
  });
});

import { DomainError } from '@modules/shared-kernel';
import { Booking, type HoldBookingInput } from './booking';
import { aConfirmedBooking, aConsultationType, aSpecialist, CENTRE, INSTITUTION, z } from './calendar.fixture';
import { CALENDAR_ERROR_CODES, calendarError } from './calendar-errors';

// Tuesday 2026-03-10 11:00 in Riga; booked the day before.
const START = z('2026-03-10T09:00');
const NOW = z('2026-03-09T08:00');
const minutesAfter = (instant: Date, minutes: number): Date => new Date(instant.getTime() + minutes * 60_000);

const hold = (overrides: Partial<HoldBookingInput> = {}): Booking =>
  Booking.hold({
    id: 'b-1',
    consultationType: aConsultationType({ bufferBeforeMinutes: 5, bufferAfterMinutes: 10 }),
    specialist: aSpecialist('anna'),
    centreId: CENTRE,
    boothId: 'booth-1',
    start: START,
    createdBy: 'clerk-ilze',
    now: NOW,
    ...overrides,
  });

const errorOf = (act: () => unknown): DomainError => {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a domain error');
};

describe('Booking.hold', () => {
  it('holds the slot for five minutes with the meeting, its blocked range and a stable uid', () => {
    const booking = hold({ citizen: { name: ' Jānis ', maskedCode: '010190-*****' } });
    expect(booking.toProps()).toEqual({
      id: 'b-1',
      uid: 'b-1@vpvkac.gov.lv',
      consultationTypeId: 'type-vid',
      serviceCode: 'VID-KONS',
      institutionId: INSTITUTION,
      specialistId: 'anna',
      centreId: CENTRE,
      boothId: 'booth-1',
      start: START,
      end: z('2026-03-10T09:30'),
      blockedRange: { start: z('2026-03-10T08:55'), end: z('2026-03-10T09:40') },
      status: 'held',
      holdExpiresAt: z('2026-03-09T08:05'),
      citizen: { name: 'Jānis', maskedCode: '010190-*****' },
      createdBy: 'clerk-ilze',
      createdAt: NOW,
      updatedAt: NOW,
      sequence: 0,
    });
    expect(booking.blocksCalendar).toBe(true);
    expect(booking.isActiveAt(minutesAfter(NOW, 4))).toBe(true);
    expect(booking.isActiveAt(minutesAfter(NOW, 5))).toBe(false);
  });

  it('takes another hold length', () => {
    expect(hold({ holdMinutes: 10 }).holdExpiresAt).toEqual(z('2026-03-09T08:10'));
    expect(errorOf(() => hold({ holdMinutes: 0 })).code).toBe('BOOKING.INVALID');
  });

  it('refuses a full personal code', () => {
    const error = errorOf(() => hold({ citizen: { maskedCode: '010190-12345' } }));
    expect([error.code, error.kind]).toEqual(['BOOKING.UNMASKED_PERSONAL_CODE', 'validation']);
    expect(errorOf(() => hold({ citizen: { maskedCode: '01019012345*' } })).code).toBe('BOOKING.UNMASKED_PERSONAL_CODE');
  });

  it('respects the minimum notice and the horizon', () => {
    const type = aConsultationType({ minimumNoticeMinutes: 120, bookingHorizonDays: 1 });
    expect(errorOf(() => hold({ consultationType: type, now: z('2026-03-10T07:30') })).extensions).toEqual({ earliestStart: '2026-03-10T09:30:00.000Z' });
    expect(() => hold({ consultationType: type, now: z('2026-03-10T07:00') })).not.toThrow();
    // From Sunday 8th, one day ahead is Monday 9th: midnight before Tuesday in Riga is 22:00Z.
    const beyond = errorOf(() => hold({ consultationType: type, now: z('2026-03-08T08:00') }));
    expect([beyond.code, beyond.extensions.horizonEnd]).toEqual(['BOOKING.BEYOND_HORIZON', '2026-03-09T22:00:00.000Z']);
  });

  it('checks that the specialist is active and provides the service of the institution', () => {
    expect(errorOf(() => hold({ specialist: aSpecialist('anna', { active: false }) })).code).toBe('BOOKING.SPECIALIST_INACTIVE');
    expect(errorOf(() => hold({ specialist: aSpecialist('anna', { serviceCodes: ['OTHER'] }) })).code).toBe('BOOKING.SPECIALIST_DOES_NOT_SERVE');
    expect(errorOf(() => hold({ specialist: aSpecialist('anna', { institutionId: 'other-institution' }) })).code).toBe('BOOKING.SPECIALIST_DOES_NOT_SERVE');
  });

  it('refuses an invalid start', () => {
    expect(errorOf(() => hold({ start: new Date('nonsense') })).code).toBe('BOOKING.INVALID');
  });
});

describe('Booking lifecycle', () => {
  it('confirms an unexpired hold and bumps the sequence', () => {
    const booking = hold();
    booking.confirm(minutesAfter(NOW, 4));
    expect(booking).toMatchObject({ status: 'confirmed', sequence: 1, confirmedAt: minutesAfter(NOW, 4), updatedAt: minutesAfter(NOW, 4), holdExpiresAt: undefined });
  });

  it('refuses to confirm an expired hold', () => {
    const booking = hold();
    const error = errorOf(() => booking.confirm(minutesAfter(NOW, 5)));
    expect([error.code, error.kind, error.extensions]).toEqual(['BOOKING.HOLD_EXPIRED', 'conflict', { bookingId: 'b-1', holdExpiredAt: '2026-03-09T08:05:00.000Z' }]);
    expect(error.messages.lv).toMatch(/termiņš/);
    expect(booking.status).toBe('held');
  });

  it('refuses to confirm twice', () => {
    const booking = hold();
    booking.confirm(NOW);
    const error = errorOf(() => booking.confirm(NOW));
    expect([error.code, error.extensions]).toEqual(['BOOKING.ILLEGAL_TRANSITION', { bookingId: 'b-1', status: 'confirmed', action: 'confirm', allowedFrom: ['held'] }]);
  });

  it('releases a lapsed hold, and only a lapsed one', () => {
    const booking = hold();
    expect(booking.expireHold(minutesAfter(NOW, 4))).toBe(false);
    expect(booking.status).toBe('held');
    expect(booking.expireHold(minutesAfter(NOW, 5))).toBe(true);
    expect(booking).toMatchObject({ status: 'cancelled', cancelReason: 'HOLD_EXPIRED', sequence: 1, blocksCalendar: false });
    expect(errorOf(() => aConfirmedBooking(START).expireHold(START)).code).toBe('BOOKING.ILLEGAL_TRANSITION');
  });

  it('cancels a hold or a booking with a reason, before it ends', () => {
    const held = hold();
    held.cancel('Pilsonis pārdomāja', minutesAfter(NOW, 1));
    expect(held).toMatchObject({ status: 'cancelled', cancelReason: 'Pilsonis pārdomāja', sequence: 1 });

    const booking = aConfirmedBooking(START);
    expect(errorOf(() => booking.cancel('  ', NOW)).code).toBe('BOOKING.CANCEL_REASON_REQUIRED');
    expect(errorOf(() => booking.cancel('late', z('2026-03-10T09:30'))).code).toBe('BOOKING.ALREADY_ENDED');
    booking.cancel('Speciālists slims', z('2026-03-10T09:10'));
    expect([booking.status, booking.sequence]).toEqual(['cancelled', 2]);
    expect(errorOf(() => booking.cancel('again', NOW)).code).toBe('BOOKING.ILLEGAL_TRANSITION');
  });

  it('marks a no-show or completes only after the start, and only a confirmed booking', () => {
    const noShow = aConfirmedBooking(START);
    expect(errorOf(() => noShow.markNoShow(z('2026-03-10T08:59'))).code).toBe('BOOKING.NOT_STARTED');
    noShow.markNoShow(z('2026-03-10T09:15'));
    expect([noShow.status, noShow.sequence, noShow.blocksCalendar]).toEqual(['no_show', 2, false]);
    expect(errorOf(() => noShow.complete(z('2026-03-10T09:30'))).code).toBe('BOOKING.ILLEGAL_TRANSITION');

    const done = aConfirmedBooking(START);
    expect(errorOf(() => done.complete(z('2026-03-10T08:00'))).code).toBe('BOOKING.NOT_STARTED');
    done.complete(z('2026-03-10T09:31'));
    expect([done.status, done.sequence]).toEqual(['completed', 2]);
    expect(errorOf(() => hold().complete(START)).code).toBe('BOOKING.ILLEGAL_TRANSITION');
    expect(errorOf(() => hold().markNoShow(START)).code).toBe('BOOKING.ILLEGAL_TRANSITION');
  });

  describe('rescheduleTo', () => {
    it('links the new booking to the old one; the old becomes rescheduled and stops blocking', () => {
      const old = aConfirmedBooking(START);
      const next = hold({ id: 'b-2', start: z('2026-03-11T09:00') });
      old.rescheduleTo(next, NOW);
      expect(old).toMatchObject({ status: 'rescheduled', rescheduledToId: 'b-2', sequence: 2, blocksCalendar: false });
      expect(next).toMatchObject({ status: 'held', rescheduledFromId: old.id, sequence: 1 });
      expect(next.uid).not.toBe(old.uid);
      next.confirm(NOW);
      expect(errorOf(() => old.rescheduleTo(hold({ id: 'b-3' }), NOW)).code).toBe('BOOKING.ILLEGAL_TRANSITION');
    });

    it('refuses a new booking of another service, itself, a cancelled one, or one already linked', () => {
      const old = aConfirmedBooking(START);
      const otherService = hold({ id: 'b-x', consultationType: aConsultationType({ serviceCode: 'OTHER' }), specialist: aSpecialist('anna', { serviceCodes: ['OTHER'] }) });
      const cancelled = hold({ id: 'b-c' });
      cancelled.cancel('x', NOW);
      const linked = hold({ id: 'b-l' });
      aConfirmedBooking(START).rescheduleTo(linked, NOW);
      for (const candidate of [otherService, old, cancelled, linked]) {
        const error = errorOf(() => old.rescheduleTo(candidate, NOW));
        expect([error.code, error.kind]).toEqual(['BOOKING.RESCHEDULE_MISMATCH', 'validation']);
      }
      expect(old.status).toBe('confirmed');
    });

    it('refuses once the consultation has started, and for a mere hold', () => {
      expect(errorOf(() => aConfirmedBooking(START).rescheduleTo(hold({ id: 'b-2' }), START)).code).toBe('BOOKING.ALREADY_STARTED');
      expect(errorOf(() => hold().rescheduleTo(hold({ id: 'b-2' }), NOW)).code).toBe('BOOKING.ILLEGAL_TRANSITION');
    });
  });

  it('hands a booking to a colleague before it starts, keeping the uid', () => {
    const booking = aConfirmedBooking(START);
    const uid = booking.uid;
    booking.reassignTo('anna', NOW);
    expect(booking.sequence).toBe(1);
    booking.reassignTo('ben', NOW);
    expect([booking.specialistId, booking.sequence, booking.uid]).toEqual(['ben', 2, uid]);
    expect(errorOf(() => booking.reassignTo('cita', START)).code).toBe('BOOKING.ALREADY_STARTED');
  });

  it('survives a round trip through its props', () => {
    const booking = aConfirmedBooking(START, { citizen: { name: 'Jānis' } });
    const restored = Booking.restore(booking.toProps());
    expect(restored).toEqual(booking);
    restored.cancel('x', NOW);
    expect(booking.status).toBe('confirmed');
  });
});

describe('calendar error codes', () => {
  it('all have a Latvian and an English message and a stable kind', () => {
    for (const code of CALENDAR_ERROR_CODES) {
      const error = calendarError(code);
      expect(error.code).toBe(code);
      expect(error.messages.lv.length).toBeGreaterThan(5);
      expect(error.messages.en.length).toBeGreaterThan(5);
      expect(['validation', 'conflict']).toContain(error.kind);
    }
    expect(calendarError('BOOKING.SLOT_TAKEN').kind).toBe('conflict');
  });
});

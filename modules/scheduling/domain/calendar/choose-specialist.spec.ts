import { Booking } from './booking';
import { aConsultationType, aSpecialist, CENTRE, range, z } from './calendar.fixture';
import { chooseSpecialist, specialistLoads, type SpecialistLoad } from './choose-specialist';
import { findFreeSlots } from './find-free-slots';

const load = (bookingsThisWeek: number, lastBookingEndedAt: string | null = null): SpecialistLoad => ({
  bookingsThisWeek,
  lastBookingEndedAt: lastBookingEndedAt === null ? null : z(lastBookingEndedAt),
});

describe('chooseSpecialist', () => {
  it('picks the one with the fewest bookings this week', () => {
    expect(chooseSpecialist(['anna', 'ben', 'cita'], { anna: load(3), ben: load(1), cita: load(2) })).toBe('ben');
  });

  it('then the one idle longest (last booking ended earliest)', () => {
    expect(chooseSpecialist(['anna', 'ben'], { anna: load(2, '2026-03-10T09:00'), ben: load(2, '2026-03-10T07:30') })).toBe('ben');
  });

  it('counts a specialist never booked as idle longest, and one without stats as free', () => {
    expect(chooseSpecialist(['anna', 'ben'], { anna: load(0, '2026-03-01T09:00'), ben: load(0) })).toBe('ben');
    expect(chooseSpecialist(['anna', 'ben'], { anna: load(1) })).toBe('ben');
  });

  it('then the smallest id, whatever the order of the candidates', () => {
    expect(chooseSpecialist(['cita', 'ben', 'anna'], {})).toBe('anna');
    expect(chooseSpecialist(['ben', 'anna'], new Map([['anna', load(1)], ['ben', load(1)]]))).toBe('anna');
  });

  it('throws when nobody is available', () => {
    expect(() => chooseSpecialist([], {})).toThrow(expect.objectContaining({ code: 'BOOKING.NO_SPECIALIST_AVAILABLE', kind: 'conflict' }));
  });

  it('spreads "any specialist" bookings evenly over a day, though the first one is free every time', () => {
    const type = aConsultationType();
    const team = ['anna', 'ben', 'cita'].map((id) => aSpecialist(id));
    const bookings: Booking[] = [];
    const day = range('2026-03-10T07:00', '2026-03-10T15:00'); // 09:00–17:00 in Riga
    for (let i = 0; i < 12; i++) {
      const blockedOf = (id: string) => bookings.filter((b) => b.specialistId === id && b.blocksCalendar).map((b) => b.blockedRange);
      const [slot] = findFreeSlots({
        consultationType: type,
        specialists: team.map((s) => ({ specialistId: s.id, availability: [day], bookings: blockedOf(s.id) })),
        centreOpening: [day],
        booths: [{ boothId: 'booth-1', bookings: bookings.map((b) => b.blockedRange) }],
        now: z('2026-03-09T08:00'),
        from: day.start,
        to: day.end,
        limit: 1,
      });
      const specialistId = chooseSpecialist(slot.specialistIds, specialistLoads(bookings, slot.start));
      const booking = Booking.hold({ consultationType: type, specialist: team.find((s) => s.id === specialistId)!, centreId: CENTRE, boothId: slot.boothIds[0], start: slot.start, createdBy: 'clerk', now: z('2026-03-09T08:00') });
      booking.confirm(z('2026-03-09T08:01'));
      bookings.push(booking);
    }
    const perSpecialist = (id: string) => bookings.filter((b) => b.specialistId === id).length;
    // One booth: one consultation at a time, and every specialist is free for each of them.
    expect(team.map((s) => perSpecialist(s.id))).toEqual([4, 4, 4]);
    expect(bookings.slice(0, 6).map((b) => b.specialistId)).toEqual(['anna', 'ben', 'cita', 'anna', 'ben', 'cita']);
  });
});

describe('specialistLoads', () => {
  const booking = (specialistId: string, start: string, status: 'confirmed' | 'cancelled' | 'completed' | 'no_show' | 'rescheduled' = 'confirmed') => ({
    specialistId,
    status,
    start: z(start),
    end: new Date(z(start).getTime() + 30 * 60_000),
  });

  it("counts the slot's local Monday-to-Sunday week and the last end before the slot", () => {
    const loads = specialistLoads(
      [
        booking('anna', '2026-03-08T21:30'), // Sunday 23:30 in Riga: the week before
        booking('anna', '2026-03-08T22:00'), // Monday 00:00 in Riga
        booking('anna', '2026-03-12T08:00', 'completed'),
        booking('anna', '2026-03-15T21:30'), // Sunday 23:30: still this week
        booking('anna', '2026-03-15T22:00'), // next Monday
        booking('ben', '2026-03-10T07:00', 'no_show'),
        booking('ben', '2026-03-11T07:00', 'cancelled'),
        booking('ben', '2026-03-11T09:00', 'rescheduled'),
      ],
      z('2026-03-11T10:00'),
    );
    expect(loads.get('anna')).toEqual({ bookingsThisWeek: 3, lastBookingEndedAt: z('2026-03-08T22:30') });
    expect(loads.get('ben')).toEqual({ bookingsThisWeek: 1, lastBookingEndedAt: z('2026-03-10T07:30') });
  });
});

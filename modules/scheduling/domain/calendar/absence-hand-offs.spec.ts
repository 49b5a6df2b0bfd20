import { planAbsenceHandOffs } from './absence-hand-offs';
import { aConfirmedBooking, aSchedule, aSpecialist, range, z } from './calendar.fixture';

describe('planAbsenceHandOffs', () => {
  // Anna is away 10:00–12:00 in Riga on Tuesday 2026-03-10 and hands off to Ben.
  const absence = { from: z('2026-03-10T08:00'), to: z('2026-03-10T10:00'), handOffToSpecialistId: 'ben' };
  const anna = aSchedule('anna', { absences: [absence] });
  const at = (time: string, specialistId = 'anna') => aConfirmedBooking(z(`2026-03-10T${time}`), { id: `b-${time}-${specialistId}`, specialist: aSpecialist(specialistId) });
  const benWorks = { specialistId: 'ben', availability: [range('2026-03-10T07:00', '2026-03-10T15:00')], bookings: [] };

  it("hands the absent specialist's bookings in the absence to the named colleague who is free", () => {
    const plan = planAbsenceHandOffs(anna, [at('09:00'), at('08:30'), at('07:00'), at('10:00')], [benWorks]);
    expect(plan).toEqual([
      { bookingId: 'b-08:30-anna', absentSpecialistId: 'anna', toSpecialistId: 'ben', outcome: 'hand_off' },
      { bookingId: 'b-09:00-anna', absentSpecialistId: 'anna', toSpecialistId: 'ben', outcome: 'hand_off' },
    ]);
  });

  it('counts a booking only partly in the absence', () => {
    expect(planAbsenceHandOffs(anna, [at('07:45')], [benWorks]).map((p) => p.outcome)).toEqual(['hand_off']);
  });

  it('needs rebooking when the colleague is busy, off, or unknown', () => {
    const busy = { ...benWorks, bookings: [range('2026-03-10T08:20', '2026-03-10T08:40')] };
    const off = { ...benWorks, availability: [range('2026-03-10T09:00', '2026-03-10T15:00')] };
    expect(planAbsenceHandOffs(anna, [at('08:30')], [busy])[0]).toMatchObject({ toSpecialistId: null, outcome: 'colleague_unavailable' });
    expect(planAbsenceHandOffs(anna, [at('08:30')], [off])[0]).toMatchObject({ toSpecialistId: null, outcome: 'colleague_unavailable' });
    expect(planAbsenceHandOffs(anna, [at('08:30')], [])[0]).toMatchObject({ toSpecialistId: null, outcome: 'colleague_unavailable' });
  });

  it('does not hand the colleague two bookings whose blocked ranges clash', () => {
    // A second booking of Anna at the same time can only come from a data error, but must not double-book Ben.
    const plan = planAbsenceHandOffs(anna, [at('08:30'), aConfirmedBooking(z('2026-03-10T08:30'), { id: 'b-twin', boothId: 'booth-2' })], [benWorks]);
    expect(plan.map((p) => p.outcome)).toEqual(['hand_off', 'colleague_unavailable']);
  });

  it('asks for rebooking when no colleague is named', () => {
    const schedule = aSchedule('anna', { absences: [{ from: absence.from, to: absence.to }] });
    expect(planAbsenceHandOffs(schedule, [at('08:30')], [benWorks])).toEqual([{ bookingId: 'b-08:30-anna', absentSpecialistId: 'anna', toSpecialistId: null, outcome: 'no_colleague_named' }]);
  });

  it("ignores other specialists' bookings and bookings no longer active", () => {
    const cancelled = at('08:30');
    cancelled.cancel('x', z('2026-03-09T00:00'));
    expect(planAbsenceHandOffs(anna, [cancelled, at('08:30', 'cita')], [benWorks])).toEqual([]);
  });
});

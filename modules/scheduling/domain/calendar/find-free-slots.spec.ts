import { DateTime } from 'luxon';
import { availabilityRanges } from './availability-ranges';
import { aConsultationType, aSchedule, EVERY_DAY, LATVIA, range, z } from './calendar.fixture';
import { findFreeSlots, type FindFreeSlotsInput, type Slot, type SpecialistAgenda } from './find-free-slots';
import type { TimeRange } from './time-range';

// Tuesday 2026-03-10 is winter time: Riga = UTC+2.
const NOW = z('2026-03-09T08:00');
const local = (slot: Slot): string => DateTime.fromJSDate(slot.start, { zone: 'Europe/Riga' }).toFormat('yyyy-MM-dd HH:mm');
const times = (slots: readonly Slot[]): string[] => slots.map((slot) => local(slot).slice(11));
const agenda = (specialistId: string, availability: TimeRange[], extra: Partial<SpecialistAgenda> = {}): SpecialistAgenda => ({ specialistId, availability, bookings: [], ...extra });
const booth = (boothId: string, bookings: TimeRange[] = []) => ({ boothId, bookings });

/** A day of the centre at 08:00–18:00 local on 2026-03-10, one booth, Anna 09:00–12:00. */
const search = (overrides: Partial<FindFreeSlotsInput> = {}): Slot[] =>
  findFreeSlots({
    consultationType: aConsultationType(),
    specialists: [agenda('anna', [range('2026-03-10T07:00', '2026-03-10T10:00')])],
    centreOpening: [range('2026-03-10T06:00', '2026-03-10T16:00')],
    booths: [booth('booth-1')],
    now: NOW,
    from: z('2026-03-10T00:00'),
    to: z('2026-03-11T00:00'),
    ...overrides,
  });

describe('findFreeSlots', () => {
  it('offers every half hour of the working time, with who and where', () => {
    const slots = search();
    expect(times(slots)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(slots[0]).toEqual({ start: z('2026-03-10T07:00'), end: z('2026-03-10T07:30'), specialistIds: ['anna'], boothIds: ['booth-1'] });
  });

  it("keeps within the centre's opening hours", () => {
    const slots = search({ centreOpening: [range('2026-03-10T07:30', '2026-03-10T09:15')] });
    expect(times(slots)).toEqual(['09:30', '10:00', '10:30']);
  });

  it('lets a meeting run across touching ranges, but not across a gap', () => {
    const type = aConsultationType({ slotIntervalMinutes: 15 });
    const joined = search({ consultationType: type, specialists: [agenda('anna', [range('2026-03-10T07:00', '2026-03-10T08:15'), range('2026-03-10T08:15', '2026-03-10T09:00')])] });
    expect(times(joined)).toEqual(['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30']);
    const gap = search({ consultationType: type, specialists: [agenda('anna', [range('2026-03-10T07:00', '2026-03-10T08:15'), range('2026-03-10T08:20', '2026-03-10T09:00')])] });
    expect(times(gap)).toEqual(['09:00', '09:15', '09:30', '09:45', '10:30']);
  });

  describe('the slot grid follows the local wall clock', () => {
    it('starts at the next :00 or :30 after a 09:10 start', () => {
      expect(times(search({ specialists: [agenda('anna', [range('2026-03-10T07:10', '2026-03-10T09:00')])] }))).toEqual(['09:30', '10:00', '10:30']);
    });

    it('uses the slot interval, not the duration, as the step', () => {
      const slots = search({ consultationType: aConsultationType({ slotIntervalMinutes: 15 }), specialists: [agenda('anna', [range('2026-03-10T07:10', '2026-03-10T08:30')])] });
      expect(times(slots)).toEqual(['09:15', '09:30', '09:45', '10:00']);
    });

    it('counts a 45-minute grid from local midnight', () => {
      const slots = search({ consultationType: aConsultationType({ durationMinutes: 45 }), specialists: [agenda('anna', [range('2026-03-10T06:00', '2026-03-10T10:00')])] });
      expect(times(slots)).toEqual(['08:15', '09:00', '09:45', '10:30', '11:15']);
    });
  });

  describe('existing bookings and buffers', () => {
    const bookedTen = [range('2026-03-10T08:00', '2026-03-10T08:30')];

    it('lets slots touch a booking when there are no buffers', () => {
      expect(times(search({ specialists: [agenda('anna', [range('2026-03-10T07:00', '2026-03-10T10:00')], { bookings: bookedTen })] }))).toEqual([
        '09:00',
        '09:30',
        '10:30',
        '11:00',
        '11:30',
      ]);
    });

    it("keeps the new slot's buffers clear of an existing booking's blocked range", () => {
      // The existing booking 10:00–10:30 with 10-minute buffers blocks 09:50–10:40.
      const blocked = [range('2026-03-10T07:50', '2026-03-10T08:40')];
      const type = aConsultationType({ bufferBeforeMinutes: 10, bufferAfterMinutes: 10 });
      const slots = search({ consultationType: type, specialists: [agenda('anna', [range('2026-03-10T07:00', '2026-03-10T10:00')], { bookings: blocked })] });
      expect(times(slots)).toEqual(['09:00', '11:00', '11:30']);
    });

    it('lets buffers reach outside working time (preparation before the first slot)', () => {
      const type = aConsultationType({ bufferBeforeMinutes: 15, bufferAfterMinutes: 15 });
      expect(times(search({ consultationType: type }))[0]).toBe('09:00');
    });

    it('applies the buffers to the booth too', () => {
      const type = aConsultationType({ bufferAfterMinutes: 5 });
      const slots = search({ consultationType: type, booths: [booth('booth-1', [range('2026-03-10T08:00', '2026-03-10T08:30')])] });
      expect(times(slots)).toEqual(['09:00', '10:30', '11:00', '11:30']);
    });
  });

  it('respects the minimum notice', () => {
    const slots = search({ now: z('2026-03-10T07:05'), consultationType: aConsultationType({ minimumNoticeMinutes: 60 }) });
    expect(times(slots)).toEqual(['10:30', '11:00', '11:30']);
  });

  it('offers nothing in the past', () => {
    expect(times(search({ now: z('2026-03-10T08:45') }))).toEqual(['11:00', '11:30']);
  });

  it('respects the booking horizon in local days', () => {
    const week = [10, 11, 12, 13, 14].map((day) => range(`2026-03-${day}T07:00`, `2026-03-${day}T08:00`));
    const slots = search({
      now: z('2026-03-10T22:30'), // 00:30 on Wednesday 11th in Riga
      consultationType: aConsultationType({ bookingHorizonDays: 2 }),
      specialists: [agenda('anna', week)],
      centreOpening: week,
      to: z('2026-03-15T00:00'),
    });
    expect([...new Set(slots.map((slot) => local(slot).slice(0, 10)))]).toEqual(['2026-03-11', '2026-03-12', '2026-03-13']);
  });

  it('ends every slot by `to` and starts none before `from`', () => {
    expect(times(search({ from: z('2026-03-10T07:15'), to: z('2026-03-10T08:45') }))).toEqual(['09:30', '10:00']);
  });

  it('stops at the limit', () => {
    expect(times(search({ limit: 2 }))).toEqual(['09:00', '09:30']);
  });

  describe('per-day limit', () => {
    const twoDays = [range('2026-03-10T07:00', '2026-03-10T08:00'), range('2026-03-11T07:00', '2026-03-11T08:00')];
    const input = (annaCount: number): Partial<FindFreeSlotsInput> => ({
      consultationType: aConsultationType({ maxPerSpecialistPerDay: 2 }),
      specialists: [agenda('anna', twoDays, { bookingsPerDay: { '2026-03-10': annaCount } }), agenda('ben', twoDays)],
      centreOpening: twoDays,
      to: z('2026-03-12T00:00'),
    });

    it('leaves a specialist out on a local day they have reached the limit', () => {
      expect(search(input(2)).map((slot) => `${local(slot)} ${slot.specialistIds.join('+')}`)).toEqual([
        '2026-03-10 09:00 ben',
        '2026-03-10 09:30 ben',
        '2026-03-11 09:00 anna+ben',
        '2026-03-11 09:30 anna+ben',
      ]);
    });

    it('keeps them while under the limit', () => {
      expect(search(input(1))[0].specialistIds).toEqual(['anna', 'ben']);
    });

    it('ignores a count under a key that is no date', () => {
      const slots = search({ ...input(0), specialists: [agenda('anna', twoDays, { bookingsPerDay: { tuesday: 9 } })] });
      expect(slots.map((slot) => slot.specialistIds.join('+'))).toEqual(['anna', 'anna', 'anna', 'anna']);
    });

    it('ignores the counts when the type has no limit', () => {
      expect(search({ ...input(5), consultationType: aConsultationType() })[0].specialistIds).toEqual(['anna', 'ben']);
    });
  });

  describe('booth scarcity', () => {
    const two = [agenda('anna', [range('2026-03-10T07:00', '2026-03-10T10:00')]), agenda('ben', [range('2026-03-10T07:00', '2026-03-10T10:00')])];

    it('offers no slot while the only booth is taken, however many specialists are free', () => {
      const slots = search({ specialists: two, booths: [booth('booth-1', [range('2026-03-10T08:00', '2026-03-10T09:00')])] });
      expect(times(slots)).toEqual(['09:00', '09:30', '11:00', '11:30']);
      expect(slots[0].specialistIds).toEqual(['anna', 'ben']);
    });

    it('names only the free booths', () => {
      const slots = search({ specialists: two, booths: [booth('booth-1', [range('2026-03-10T08:00', '2026-03-10T09:00')]), booth('booth-2')] });
      expect(slots.map((slot) => `${local(slot).slice(11)} ${slot.boothIds.join('+')}`)).toEqual([
        '09:00 booth-1+booth-2',
        '09:30 booth-1+booth-2',
        '10:00 booth-2',
        '10:30 booth-2',
        '11:00 booth-1+booth-2',
        '11:30 booth-1+booth-2',
      ]);
    });

    it('needs a booth and a specialist', () => {
      expect(search({ booths: [] })).toEqual([]);
      expect(search({ specialists: [] })).toEqual([]);
      expect(search({ centreOpening: [] })).toEqual([]);
    });

    it('needs one specialist and one booth free at the same start', () => {
      const slots = search({
        specialists: [agenda('anna', [range('2026-03-10T07:00', '2026-03-10T08:00')]), agenda('ben', [range('2026-03-10T08:00', '2026-03-10T09:00')])],
        booths: [booth('booth-1', [range('2026-03-10T07:00', '2026-03-10T07:30'), range('2026-03-10T08:30', '2026-03-10T09:00')])],
      });
      expect(slots.map((slot) => `${local(slot).slice(11)} ${slot.specialistIds.join('+')}`)).toEqual(['09:30 anna', '10:00 ben']);
    });
  });

  describe('across the DST changes, from the weekly rules', () => {
    const openEveryDay = (from: string, to: string) => availabilityRanges(aSchedule('centre', { weekly: EVERY_DAY, followsPublicHolidays: false }), z(from), z(to), LATVIA);
    const daySummary = (slots: readonly Slot[]): string[] => {
      const byDay = new Map<string, Slot[]>();
      for (const slot of slots) byDay.set(local(slot).slice(0, 10), [...(byDay.get(local(slot).slice(0, 10)) ?? []), slot]);
      return [...byDay].map(([day, list]) => `${day} ${times(list)[0]}–${times(list)[list.length - 1]} ×${list.length} first ${list[0].start.toISOString().slice(11, 16)}Z`);
    };

    const dayBefore = (instant: string): Date => new Date(z(instant).getTime() - 86_400_000);

    it.each([
      [
        'spring, Sunday 2026-03-29',
        '2026-03-27T00:00',
        '2026-03-31T00:00',
        [
          '2026-03-27 09:00–16:30 ×16 first 07:00Z',
          '2026-03-28 09:00–16:30 ×16 first 07:00Z',
          '2026-03-29 09:00–16:30 ×16 first 06:00Z',
          '2026-03-30 09:00–16:30 ×16 first 06:00Z',
        ],
      ],
      [
        'autumn, Sunday 2026-10-25',
        '2026-10-23T00:00',
        '2026-10-27T00:00',
        [
          '2026-10-23 09:00–16:30 ×16 first 06:00Z',
          '2026-10-24 09:00–16:30 ×16 first 06:00Z',
          '2026-10-25 09:00–16:30 ×16 first 07:00Z',
          '2026-10-26 09:00–16:30 ×16 first 07:00Z',
        ],
      ],
    ])('keeps 09:00–17:00 local slots in the %s week', (_, from, to, expected) => {
      const schedule = aSchedule('anna', { weekly: EVERY_DAY });
      const slots = findFreeSlots({
        consultationType: aConsultationType(),
        specialists: [agenda('anna', availabilityRanges(schedule, z(from), z(to), LATVIA))],
        centreOpening: openEveryDay(from, to),
        booths: [booth('booth-1')],
        now: dayBefore(from),
        from: z(from),
        to: z(to),
      });
      expect(daySummary(slots)).toEqual(expected);
    });

    const roundTheClock = (date: string, from: string, to: string): string[] => {
      const schedule = aSchedule('anna', { weekly: { 7: [{ from: '00:00', to: '24:00' }] }, followsPublicHolidays: false });
      const hours = availabilityRanges(schedule, z(from), z(to), LATVIA);
      const slots = findFreeSlots({
        consultationType: aConsultationType({ durationMinutes: 60 }),
        specialists: [agenda('anna', hours)],
        centreOpening: hours,
        booths: [booth('booth-1')],
        now: dayBefore(from),
        from: z(from),
        to: z(to),
      });
      expect(slots.every((slot) => local(slot).startsWith(date))).toBe(true);
      return slots.map((slot) => `${local(slot).slice(11)}=${slot.start.toISOString().slice(11, 16)}Z`);
    };

    it('skips the wall-clock hour that does not exist on 2026-03-29', () => {
      const slots = roundTheClock('2026-03-29', '2026-03-28T20:00', '2026-03-29T23:00');
      expect(slots).toHaveLength(23);
      expect(slots.slice(2, 5)).toEqual(['02:00=00:00Z', '04:00=01:00Z', '05:00=02:00Z']);
    });

    it('offers the repeated hour twice on 2026-10-25', () => {
      const slots = roundTheClock('2026-10-25', '2026-10-24T20:00', '2026-10-25T23:00');
      expect(slots).toHaveLength(25);
      expect(slots.slice(2, 6)).toEqual(['02:00=23:00Z', '03:00=00:00Z', '03:00=01:00Z', '04:00=02:00Z']);
    });

    it('keeps a 45-minute grid on the wall clock after the change', () => {
      const schedule = aSchedule('anna', { weekly: EVERY_DAY });
      const hours = availabilityRanges(schedule, z('2026-03-28T00:00'), z('2026-03-31T00:00'), LATVIA);
      const slots = findFreeSlots({
        consultationType: aConsultationType({ durationMinutes: 45 }),
        specialists: [agenda('anna', hours)],
        centreOpening: hours,
        booths: [booth('booth-1')],
        now: dayBefore('2026-03-28T00:00'),
        from: z('2026-03-28T00:00'),
        to: z('2026-03-31T00:00'),
      });
      const firstOfDay = slots.filter((slot, i) => i === 0 || local(slots[i - 1]).slice(0, 10) !== local(slot).slice(0, 10));
      expect(firstOfDay.map(local)).toEqual(['2026-03-28 09:00', '2026-03-29 09:00', '2026-03-30 09:00']);
    });
  });

  describe('from the schedules, with the national calendar', () => {
    const NOV_FROM = z('2026-11-16T22:00'); // Tuesday 17th 00:00 in Riga
    const NOV_TO = z('2026-11-18T22:00');
    const centre = [range('2026-11-17T06:00', '2026-11-17T16:00'), range('2026-11-18T06:00', '2026-11-18T16:00')];

    it('offers nothing on the public holiday 2026-11-18 and ends an hour early on the 17th', () => {
      const anna = availabilityRanges(aSchedule('anna'), NOV_FROM, NOV_TO, LATVIA);
      const slots = search({ specialists: [agenda('anna', anna)], centreOpening: centre, from: NOV_FROM, to: NOV_TO, now: z('2026-11-01T00:00') });
      expect(slots.every((slot) => local(slot).startsWith('2026-11-17'))).toBe(true);
      expect(times(slots).slice(-2)).toEqual(['15:00', '15:30']);
    });

    it('offers only the colleague during an absence handed off to them', () => {
      const absence = { from: z('2026-11-17T08:00'), to: z('2026-11-17T10:00'), handOffToSpecialistId: 'ben' };
      const anna = availabilityRanges(aSchedule('anna', { absences: [absence] }), NOV_FROM, NOV_TO, LATVIA);
      const ben = availabilityRanges(aSchedule('ben'), NOV_FROM, NOV_TO, LATVIA);
      const slots = search({ specialists: [agenda('anna', anna), agenda('ben', ben)], centreOpening: centre, from: NOV_FROM, to: NOV_TO, now: z('2026-11-01T00:00') });
      expect(slots.slice(0, 7).map((slot) => `${local(slot).slice(11)} ${slot.specialistIds.join('+')}`)).toEqual([
        '09:00 anna+ben',
        '09:30 anna+ben',
        '10:00 ben',
        '10:30 ben',
        '11:00 ben',
        '11:30 ben',
        '12:30 anna+ben',
      ]);
    });
  });

  it('completes for 50 specialists over 30 days (the benchmark measures the speed)', () => {
    const from = z('2026-03-01T22:00');
    const to = z('2026-03-31T21:00');
    const centreSchedule = aSchedule('centre', { weekly: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ from: '08:00', to: '18:00' }]])) });
    const specialists = Array.from({ length: 50 }, (_, i): SpecialistAgenda => {
      const hours = availabilityRanges(aSchedule(`s${i}`), from, to, LATVIA);
      // Every specialist already has a booking every other hour, staggered.
      const bookings = hours.flatMap((h) => {
        const list: TimeRange[] = [];
        for (let t = h.start.getTime() + (i % 4) * 1_800_000; t + 1_800_000 <= h.end.getTime(); t += 7_200_000) list.push({ start: new Date(t), end: new Date(t + 1_800_000) });
        return list;
      });
      return agenda(`s${i}`, hours, { bookings, bookingsPerDay: { '2026-03-16': i % 3 === 0 ? 8 : 2 } });
    });
    const booths = Array.from({ length: 4 }, (_, i) => booth(`booth-${i}`, i === 0 ? [range('2026-03-10T07:00', '2026-03-10T15:00')] : []));
    const slots = findFreeSlots({
      consultationType: aConsultationType({ bufferBeforeMinutes: 5, bufferAfterMinutes: 10, maxPerSpecialistPerDay: 8 }),
      specialists,
      centreOpening: availabilityRanges(centreSchedule, from, to, LATVIA),
      booths,
      now: z('2026-02-28T10:00'),
      from,
      to,
    });
    expect(slots.length).toBeGreaterThan(300);
    expect(slots.every((slot) => slot.specialistIds.length > 0 && slot.boothIds.length > 0)).toBe(true);
    expect(Math.max(...slots.map((slot) => slot.specialistIds.length))).toBeLessThan(50);
  });
});

import { DateTime } from 'luxon';
import { BookingClock } from '../../modules/scheduling/application/bookings/booking-clock';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Free slots at the API across the two 2026 DST changes in Europe/Riga (29 March: 03:00 → 04:00,
 * UTC+2 → UTC+3; 25 October: 04:00 → 03:00, UTC+3 → UTC+2) and around public holidays (Good
 * Friday 3 April, Easter Monday 6 April 2026): the same wall-clock times on the same weekday before
 * and after the change, no missing or doubled hour, none on a holiday, and bookings of the right length.
 */

const SERVICE = 'VSAA-001';
const RIGA = 'Europe/Riga';

interface SlotView {
  start: string;
  end: string;
  specialistIds: string[];
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const local = (iso: string): DateTime => DateTime.fromISO(iso, { zone: RIGA });

/** Local date → sorted local start times ('09:00', …) and UTC offsets (minutes). */
function byLocalDate(slots: SlotView[]): Map<string, { times: string[]; offsets: Set<number> }> {
  const days = new Map<string, { times: string[]; offsets: Set<number> }>();
  for (const slot of slots) {
    const start = local(slot.start);
    const day = days.get(start.toISODate()!) ?? { times: [], offsets: new Set<number>() };
    day.times.push(start.toFormat('HH:mm'));
    day.offsets.add(start.offset);
    days.set(start.toISODate()!, day);
  }
  return days;
}

describe('free slots across DST changes and holidays (API, Europe/Riga)', () => {
  let t: TestApp;
  let clock: BookingClock;
  let clerk: string;
  let centreId: string;
  let durationMinutes: number;
  let intervalMinutes: number;

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(BookingClock);
    const centres = await t.request('GET', `/api/v1/network/centres?hasVideoBooth=true&service=${SERVICE}&pageSize=50`);
    const centre = centres.body.items.find((c: { status: string; videoBooths: Array<{ active: boolean }> }) => c.status === 'active' && c.videoBooths.some((b) => b.active));
    centreId = centre.id;
    clerk = await t.tokenFor('test:clerk.dst', { roles: ['clerk'], centre_ids: [centreId] });
    const [type] = (await t.request('GET', `/api/v1/scheduling/consultation-types?serviceCode=${SERVICE}`, { token: clerk })).body;
    durationMinutes = type.durationMinutes;
    intervalMinutes = type.slotIntervalMinutes;
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });

  const slots = async (from: string, to: string): Promise<SlotView[]> => {
    const res = await t.request('GET', `/api/v1/scheduling/slots?serviceCode=${SERVICE}&centreId=${centreId}&from=${from}&to=${to}`, { token: clerk });
    expect(res.status).toBe(200);
    return res.body.slots;
  };

  /** Every slot once, its length right, and within a day each next slot one interval later in real time. */
  function expectWellFormed(list: SlotView[]): void {
    expect(new Set(list.map((s) => s.start)).size).toBe(list.length);
    for (const slot of list) expect(new Date(slot.end).getTime() - new Date(slot.start).getTime()).toBe(durationMinutes * 60_000);
    for (const day of byLocalDate(list).values()) expect(day.offsets.size).toBe(1);
  }

  it('spring forward (29 March 2026): the same wall-clock slots the week before and after, UTC+2 then UTC+3; none on Good Friday or Easter Monday', async () => {
    clock.set(new Date('2026-03-20T10:00:00Z'));
    const list = await slots('2026-03-23', '2026-04-07');
    expectWellFormed(list);
    const days = byLocalDate(list);
    expect(days.has('2026-03-29')).toBe(false); // Sunday of the change
    expect(days.has('2026-04-03')).toBe(false); // Good Friday
    expect(days.has('2026-04-06')).toBe(false); // Easter Monday
    // Monday to Thursday before and after (the Friday after is Good Friday, so that Thursday is shorter).
    for (const [before, after] of [
      ['2026-03-23', '2026-03-30'],
      ['2026-03-24', '2026-03-31'],
      ['2026-03-25', '2026-04-01'],
      ['2026-03-26', '2026-04-02'],
    ] as const) {
      const a = days.get(before)!;
      const b = days.get(after)!;
      expect(a.times.length).toBeGreaterThan(0);
      expect([...a.offsets]).toEqual([120]);
      expect([...b.offsets]).toEqual([180]);
      // Thursday 2 April is the working day before a holiday: it ends an hour earlier (Darba likums, Art. 135).
      const dayEnd = Math.max(...a.times.map(minutesOf)) + durationMinutes;
      const expected = after === '2026-04-02' ? a.times.filter((time) => minutesOf(time) + durationMinutes <= dayEnd - 60) : a.times;
      expect(b.times).toEqual(expected);
    }
    // 09:00 in Riga is 07:00Z before the change and 06:00Z after it.
    const firstBefore = list.find((s) => local(s.start).toISODate() === '2026-03-27')!;
    const firstAfter = list.find((s) => local(s.start).toISODate() === '2026-03-30')!;
    expect(local(firstBefore.start).toFormat('HH:mm')).toBe(local(firstAfter.start).toFormat('HH:mm'));
    expect(new Date(firstBefore.start).getUTCHours() - new Date(firstAfter.start).getUTCHours()).toBe(1);
    // The day of the change asked for alone: no slots, and the answer is well-formed.
    expect(await slots('2026-03-29', '2026-03-29')).toEqual([]);
  });

  it('fall back (25 October 2026): the same wall-clock slots the week before and after, UTC+3 then UTC+2, no doubled hour', async () => {
    clock.set(new Date('2026-10-10T10:00:00Z'));
    const list = await slots('2026-10-19', '2026-10-30');
    expectWellFormed(list);
    const days = byLocalDate(list);
    expect(days.has('2026-10-25')).toBe(false);
    for (const [before, after] of [
      ['2026-10-19', '2026-10-26'],
      ['2026-10-20', '2026-10-27'],
      ['2026-10-21', '2026-10-28'],
      ['2026-10-22', '2026-10-29'],
      ['2026-10-23', '2026-10-30'],
    ] as const) {
      const a = days.get(before)!;
      const b = days.get(after)!;
      expect(a.times.length).toBeGreaterThan(0);
      expect([...a.offsets]).toEqual([180]);
      expect([...b.offsets]).toEqual([120]);
      expect(b.times).toEqual(a.times);
    }
    // Within a day, consecutive starts of one specialist are whole intervals apart in real time.
    const oneDay = list.filter((s) => local(s.start).toISODate() === '2026-10-26').map((s) => new Date(s.start).getTime());
    for (let i = 1; i < oneDay.length; i++) expect((oneDay[i] - oneDay[i - 1]) % (intervalMinutes * 60_000)).toBe(0);
  });

  it('a booking made before the change for a time after it has the right wall-clock start and duration', async () => {
    clock.set(new Date('2026-03-27T08:00:00Z')); // Friday, UTC+2
    const [slot] = (await slots('2026-03-30', '2026-03-30')).filter((s) => local(s.start).hour === 10);
    expect(slot).toBeDefined();
    const held = await t.request('POST', '/api/v1/scheduling/holds', { token: clerk, body: { serviceCode: SERVICE, centreId, start: '2026-03-30T10:00:00+03:00', specialistId: slot.specialistIds[0] } });
    expect(held.status).toBe(201);
    expect(held.body.start).toBe('2026-03-30T07:00:00.000Z');
    expect(new Date(held.body.end).getTime() - new Date(held.body.start).getTime()).toBe(durationMinutes * 60_000);
    const confirmed = await t.request('POST', `/api/v1/scheduling/bookings/${held.body.id}/confirm`, { token: clerk });
    expect(confirmed.status).toBe(200);
    const [row] = await t.sql<{ local_start: string; local_end: string; minutes: number }>(
      `select to_char(starts_at at time zone 'Europe/Riga', 'YYYY-MM-DD HH24:MI') as local_start, to_char(ends_at at time zone 'Europe/Riga', 'HH24:MI') as local_end,
              extract(epoch from ends_at - starts_at) / 60 as minutes from scheduling.booking where id = $1`,
      [held.body.id],
    );
    expect(row.local_start).toBe('2026-03-30 10:00');
    expect(Number(row.minutes)).toBe(durationMinutes);
    expect(row.local_end).toBe(local(held.body.end).toFormat('HH:mm'));
    // The slot is gone for that specialist, and the hour before it in UTC terms (09:00 local) is untouched.
    const after = await slots('2026-03-30', '2026-03-30');
    expect(after.find((s) => s.start === slot.start)?.specialistIds ?? []).not.toContain(slot.specialistIds[0]);
  });
});

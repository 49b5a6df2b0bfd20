import { DateTime } from 'luxon';
import { BOOKING_CONSTRAINTS_SQL } from '../../modules/scheduling/domain/calendar';
import { BookingClock } from '../../modules/scheduling/application/bookings/booking-clock';
import { CalendarRepository } from '../../modules/scheduling/infrastructure/persistence/calendar.repository';
import { startTestApp, type TestApp } from '../support/test-app';

const SERVICE = 'VSAA-001';
const localDate = (iso: string): string => DateTime.fromISO(iso, { zone: 'Europe/Riga' }).toISODate()!;

/** Video-consultation bookings over HTTP on a real PostgreSQL (exclusion constraints included). */
describe('video consultation bookings (e2e)', () => {
  let t: TestApp;
  let clock: BookingClock;
  let admin: string;
  let clerk: string;
  let centreId: string;
  let booths: Array<{ id: string; active: boolean }>;
  let vsaaId: string;
  let evija: { id: string; userId: string };
  const NOW = new Date('2026-11-15T12:00:00Z'); // Sunday; the week after has 18 November (a holiday)

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(BookingClock);
    clock.set(NOW);
    admin = await t.token('admin');
    const centres = await t.request('GET', `/api/v1/network/centres?hasVideoBooth=true&service=${SERVICE}&pageSize=50`);
    expect(centres.status).toBe(200);
    const centre = centres.body.items.find((c: { status: string; videoBooths: Array<{ active: boolean }> }) => c.status === 'active' && c.videoBooths.some((b) => b.active));
    centreId = centre.id;
    booths = centre.videoBooths.filter((b: { active: boolean }) => b.active);
    clerk = await t.tokenFor('test:clerk.video', { roles: ['clerk'], centre_ids: [centreId], name: 'Video Clerk' });
    vsaaId = (await t.request('GET', '/api/v1/network/institutions/VSAA')).body.id;
    const specialists = await t.request('GET', `/api/v1/scheduling/specialists?serviceCode=${SERVICE}`, { token: admin });
    expect(specialists.status).toBe(200);
    evija = specialists.body.find((s: { userId: string }) => s.userId === 'demo:specialist.vsaa');
    expect(evija).toBeDefined();
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });
  afterEach(() => clock.set(NOW));

  const slotsOn = async (date: string, token = clerk): Promise<Array<{ start: string; end: string; specialistIds: string[]; boothIds: string[] }>> => {
    const res = await t.request('GET', `/api/v1/scheduling/slots?serviceCode=${SERVICE}&centreId=${centreId}&from=${date}&to=${date}`, { token });
    expect(res.status).toBe(200);
    return res.body.slots;
  };
  const hold = (body: Record<string, unknown>, token = clerk) => t.request('POST', '/api/v1/scheduling/holds', { token, body: { serviceCode: SERVICE, centreId, ...body } });
  const act = (id: string, action: string, body?: unknown) => t.request('POST', `/api/v1/scheduling/bookings/${id}/${action}`, { token: clerk, body });

  it('migrates the domain’s booking table with both exclusion constraints', async () => {
    const constraints = await t.sql<{ conname: string }>("select conname from pg_constraint where conrelid = 'scheduling.booking'::regclass and contype = 'x' order by conname");
    expect(constraints.map((c) => c.conname)).toEqual(['booking_booth_no_overlap', 'booking_specialist_no_overlap']);
    expect(BOOKING_CONSTRAINTS_SQL).toContain('booking_specialist_no_overlap');
    const types = await t.request('GET', '/api/v1/scheduling/consultation-types?serviceCode=VSAA-001', { token: admin });
    expect(types.body).toHaveLength(1);
  });

  it('offers slots on working days and none on 18 November (public holiday)', async () => {
    const res = await t.request('GET', `/api/v1/scheduling/slots?serviceCode=${SERVICE}&centreId=${centreId}&from=2026-11-16&to=2026-11-20`, { token: clerk });
    expect(res.status).toBe(200);
    const dates = new Set(res.body.slots.map((s: { start: string }) => localDate(s.start)));
    expect(dates.has('2026-11-18')).toBe(false);
    expect(dates.has('2026-11-16')).toBe(true);
    expect(dates.has('2026-11-19')).toBe(true);
    for (const slot of res.body.slots) {
      const local = DateTime.fromISO(slot.start, { zone: 'Europe/Riga' });
      expect(local.hour).toBeGreaterThanOrEqual(9);
      expect(local.hour).toBeLessThan(16);
    }
    // a clerk of another centre may not look
    const other = await t.tokenFor('test:clerk.other', { roles: ['clerk'], centre_ids: ['00000000-0000-4000-8000-000000000001'] });
    expect((await t.request('GET', `/api/v1/scheduling/slots?serviceCode=${SERVICE}&centreId=${centreId}&from=2026-11-16&to=2026-11-16`, { token: other })).status).toBe(403);
  });

  it('holds a slot for any specialist, confirms it and cancels it', async () => {
    const [slot] = await slotsOn('2026-11-16');
    const held = await hold({ start: slot.start, specialistId: 'any' });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: 'held', start: slot.start });
    expect(slot.specialistIds).toContain(held.body.specialistId);
    expect((await slotsOn('2026-11-16')).find((s) => s.start === slot.start)?.specialistIds ?? []).not.toContain(held.body.specialistId);
    const confirmed = await act(held.body.id, 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await act(held.body.id, 'cancel', { reason: '' })).status).toBe(422);
    const cancelled = await act(held.body.id, 'cancel', { reason: 'Iedzīvotājs atteicās' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Iedzīvotājs atteicās' });
  });

  it('does not confirm an expired hold, and frees its time', async () => {
    const [slot] = await slotsOn('2026-11-17');
    const held = await hold({ start: slot.start, specialistId: evija.id });
    expect(held.status).toBe(201);
    clock.set(new Date(NOW.getTime() + 6 * 60_000));
    const late = await act(held.body.id, 'confirm');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('BOOKING.HOLD_EXPIRED');
    const again = await hold({ start: slot.start, specialistId: evija.id, boothId: held.body.boothId });
    expect(again.status).toBe(201);
    const [old] = await t.sql<{ status: string; cancel_reason: string }>('select status, cancel_reason from scheduling.booking where id = $1', [held.body.id]);
    expect(old).toEqual({ status: 'cancelled', cancel_reason: 'HOLD_EXPIRED' });
  });

  it('reschedules a confirmed booking to a new one linked to the old', async () => {
    const slots = await slotsOn('2026-11-17');
    const first = slots.find((s) => s.specialistIds.includes(evija.id))!;
    const later = slots.filter((s) => s.specialistIds.includes(evija.id)).at(-1)!;
    const held = await hold({ start: first.start, specialistId: evija.id });
    expect(held.status).toBe(201);
    expect((await act(held.body.id, 'confirm')).status).toBe(200);
    const moved = await act(held.body.id, 'reschedule', { start: later.start });
    expect(moved.status).toBe(200);
    expect(moved.body.previous).toMatchObject({ id: held.body.id, status: 'rescheduled', rescheduledToId: moved.body.booking.id });
    expect(moved.body.booking).toMatchObject({ status: 'confirmed', start: later.start, rescheduledFromId: held.body.id, specialistId: evija.id });
    const rows = await t.sql<{ id: string; status: string; rescheduled_from_id: string | null; rescheduled_to_id: string | null }>(
      'select id, status, rescheduled_from_id, rescheduled_to_id from scheduling.booking where id = any($1::uuid[]) order by starts_at',
      [[held.body.id, moved.body.booking.id]],
    );
    expect(rows).toEqual([
      { id: held.body.id, status: 'rescheduled', rescheduled_from_id: null, rescheduled_to_id: moved.body.booking.id },
      { id: moved.body.booking.id, status: 'confirmed', rescheduled_from_id: held.body.id, rescheduled_to_id: null },
    ]);
    // the old time is free again
    expect((await slotsOn('2026-11-17')).find((s) => s.start === first.start)?.specialistIds).toContain(evija.id);
  });

  it('20 parallel holds of one specialist’s slot: exactly one wins, the rest get 409 with the next free slots', async () => {
    const slot = (await slotsOn('2026-11-19')).find((s) => s.specialistIds.includes(evija.id))!;
    // Count the inserts PostgreSQL itself refused (23P01), so the exclusion constraint is seen doing the work.
    const repo = t.app.get(CalendarRepository);
    const insert = repo.insertBooking.bind(repo);
    const refused: string[] = [];
    const spy = jest.spyOn(repo, 'insertBooking').mockImplementation(async (tx, booking) => {
      try {
        await insert(tx, booking);
      } catch (error) {
        refused.push(String((error as { code?: string }).code));
        throw error;
      }
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => hold({ start: slot.start, specialistId: evija.id })));
    spy.mockRestore();
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) {
      expect(r.body.code).toBe('BOOKING.SLOT_TAKEN');
      expect(r.body.nextFreeSlots.length).toBeGreaterThan(0);
      expect(r.body.nextFreeSlots[0].start > slot.start || !r.body.nextFreeSlots[0].specialistIds.includes(evija.id)).toBe(true);
    }
    expect(lost.some((r) => r.body.clash === 'specialist')).toBe(true);
    expect(refused.every((code) => code === '23P01')).toBe(true);
    console.info(`exclusion constraint refused ${refused.length} of 19 losing holds; the rest saw the slot taken before inserting`);
    const [{ n }] = await t.sql<{ n: string }>("select count(*) as n from scheduling.booking where specialist_id = $1 and starts_at = $2 and status = 'held'", [evija.id, slot.start]);
    expect(Number(n)).toBe(1);
  });

  it('20 parallel holds of one booth by 20 different specialists: exactly one wins', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await t.request('POST', '/api/v1/scheduling/specialists', {
        token: admin,
        body: { institutionId: vsaaId, userId: `test:booth-specialist-${i}`, displayName: `Speciālists ${i}`, serviceCodes: [SERVICE] },
      });
      expect(created.status).toBe(201);
      const availability = await t.request('PUT', `/api/v1/scheduling/specialists/${created.body.id}/availability`, {
        token: admin,
        body: { weekly: { 5: [{ from: '09:00', to: '16:00' }] } },
      });
      expect(availability.status).toBe(200);
      ids.push(created.body.id);
    }
    const booth = booths[0].id;
    const slot = (await slotsOn('2026-11-20')).find((s) => s.boothIds.includes(booth) && ids.every((id) => s.specialistIds.includes(id)))!;
    expect(slot).toBeDefined();
    const results = await Promise.all(ids.map((specialistId) => hold({ start: slot.start, specialistId, boothId: booth })));
    // On failure this shows every answer, not just a count.
    const answers = results.map((r) => (r.status === 201 ? '201' : `${r.status} ${r.body.code} ${r.body.clash ?? r.body.detail ?? ''}`)).sort();
    expect(answers).toEqual(['201', ...Array.from({ length: 19 }, () => '409 BOOKING.SLOT_TAKEN booth')]);
    const lost = results.filter((r) => r.status === 409);
    expect(lost).toHaveLength(19);
    for (const r of lost) {
      expect(r.body.code).toBe('BOOKING.SLOT_TAKEN');
      expect(r.body.clash).toBe('booth');
      expect(Array.isArray(r.body.nextFreeSlots)).toBe(true);
    }
  });

  it('lets only the institution’s own specialists manage its specialists', async () => {
    const vid = await t.token('specialist.vid');
    const vsaa = await t.token('specialist.vsaa');
    const body = { weekly: { 1: [{ from: '10:00', to: '12:00' }] } };
    expect((await t.request('PUT', `/api/v1/scheduling/specialists/${evija.id}/availability`, { token: vid, body })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/scheduling/specialists', { token: vid, body: { institutionId: vsaaId, userId: 'x', displayName: 'X', serviceCodes: [SERVICE] } })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/scheduling/specialists/${evija.id}/feed-token`, { token: vid })).status).toBe(403);
    const own = await t.request('POST', '/api/v1/scheduling/specialists', { token: vsaa, body: { userId: 'test:vsaa.new', displayName: 'Jauns', serviceCodes: [SERVICE] } });
    expect(own.status).toBe(201);
    expect(own.body.institutionId).toBe(vsaaId);
    expect((await t.request('POST', '/api/v1/scheduling/specialists', { token: vsaa, body: { userId: 'test:vsaa.bad', displayName: 'X', serviceCodes: ['VID-005'] } })).status).toBe(422);
  });

  it('publishes the specialist’s confirmed bookings as an iCalendar feed behind a secret token', async () => {
    const slot = (await slotsOn('2026-11-23')).find((s) => s.specialistIds.includes(evija.id))!;
    const held = await hold({ start: slot.start, specialistId: evija.id });
    expect(held.status).toBe(201);
    expect((await act(held.body.id, 'confirm')).status).toBe(200);
    const issued = await t.request('POST', `/api/v1/scheduling/specialists/${evija.id}/feed-token`, { token: await t.token('specialist.vsaa') });
    expect(issued.status).toBe(201);
    const feed = await t.request('GET', `/api/v1/scheduling/specialists/${evija.id}/calendar.ics?token=${encodeURIComponent(issued.body.token)}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(feed.text).toContain('BEGIN:VCALENDAR');
    expect(feed.text.replace(/\r\n /g, '')).toContain(`UID:${held.body.uid}`);
    expect((await t.request('GET', `/api/v1/scheduling/specialists/${evija.id}/calendar.ics?token=wrong-token`)).status).toBe(401);
    expect((await t.request('GET', `/api/v1/scheduling/specialists/${evija.id}/calendar.ics`)).status).toBe(401);
    const [{ feed_token_hash }] = await t.sql<{ feed_token_hash: string }>('select feed_token_hash from scheduling.specialist where id = $1', [evija.id]);
    expect(feed_token_hash).not.toContain(issued.body.token);
  });

  it('marks a no-show once the consultation has started', async () => {
    const slot = (await slotsOn('2026-11-24')).find((s) => s.specialistIds.includes(evija.id))!;
    const held = await hold({ start: slot.start, specialistId: evija.id });
    expect((await act(held.body.id, 'confirm')).status).toBe(200);
    expect((await act(held.body.id, 'no-show')).status).toBe(409);
    clock.set(new Date(new Date(slot.start).getTime() + 10 * 60_000));
    const noShow = await act(held.body.id, 'no-show');
    expect(noShow.status).toBe(200);
    expect(noShow.body.status).toBe('no_show');
  });

  it('lets a confirmed booking check in at the walk-in queue once, from an hour before its start — and refuses made-up, early and other centres\' bookings', async () => {
    const [slot] = await slotsOn('2026-11-16');
    const held = await hold({ start: slot.start, specialistId: 'any' });
    expect(held.status).toBe(201);
    expect((await act(held.body.id, 'confirm')).status).toBe(200);
    const queueId = (await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk })).body.queues[0].id;
    const issue = (appointmentBookingId: string, token = clerk, centre = centreId) =>
      t.request('POST', `/api/v1/queue/centres/${centre}/tickets`, { token, body: { queueId, appointmentBookingId } });
    const tickets = async () => Number((await t.sql<{ n: string }>('select count(*) as n from scheduling.ticket where centre_id = $1', [centreId]))[0]!.n);
    const before = await tickets();

    const madeUp = await issue('7d3f8a52-1c4b-4e0a-9b1d-2f6c8e4a5b90');
    expect(madeUp.status).toBe(422);
    expect(madeUp.body).toMatchObject({ code: 'QUEUE.APPOINTMENT_UNKNOWN', errors: [{ field: 'appointmentBookingId' }] });
    // The booking is for a day ahead (the queue runs on the real clock): not yet.
    const early = await issue(held.body.id);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('QUEUE.APPOINTMENT_NOT_DUE');
    expect(await tickets()).toBe(before);

    // Move the booking to now (started 10 minutes ago): its citizen may check in, once.
    await t.sql(
      `update scheduling.booking set starts_at = now() - interval '10 minutes', ends_at = now() + interval '20 minutes',
         blocked_range = tstzrange(now() - interval '10 minutes', now() + interval '20 minutes') where id = $1`,
      [held.body.id],
    );
    const otherCentre = (await t.request('GET', '/api/v1/network/centres?q=Grobiņ')).body.items[0].id as string;
    const grobina = await t.tokenFor('test:clerk.grobina2', { roles: ['clerk'], centre_ids: [otherCentre] });
    const elsewhere = await t.request('POST', `/api/v1/queue/centres/${otherCentre}/tickets`, { token: grobina, body: { appointmentBookingId: held.body.id, serviceCode: SERVICE } });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.code).toBe('QUEUE.APPOINTMENT_UNKNOWN');
    const checkedIn = await issue(held.body.id);
    expect(checkedIn.status).toBe(201);
    expect(checkedIn.body.ticket.appointment).toBe(true);
    const twice = await issue(held.body.id);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'QUEUE.APPOINTMENT_CHECKED_IN', number: checkedIn.body.ticket.number });
    expect(await tickets()).toBe(before + 1);
    // A cancelled booking checks in no more.
    expect((await act(held.body.id, 'cancel', { reason: 'citizen' })).status).toBe(200);
    expect((await issue(held.body.id)).body.code).toBe('QUEUE.APPOINTMENT_NOT_DUE');
  });
});

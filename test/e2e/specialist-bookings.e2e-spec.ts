import { BookingClock } from '../../modules/scheduling/application/bookings/booking-clock';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A specialist's agenda: GET /api/v1/scheduling/specialists/{id|me}/bookings — who may read it
 * (own institution, own centres, administrators), the day bounds in Europe/Riga, no visitor data,
 * and the link to the booking's video session through RemoteOfficial's booked-sessions list.
 */
const SERVICE = 'VSAA-001';
const CITIZEN = { name: 'Jānis Bērziņš', maskedCode: '010190-*****' };

interface Centre {
  id: string;
  status: string;
  videoBooths: Array<{ active: boolean }>;
}

describe('specialist bookings (e2e)', () => {
  let t: TestApp;
  let clock: BookingClock;
  let admin: string;
  let specialist: string;
  let clerkA: string;
  let clerkB: string;
  let centreA: string;
  let centreB: string;
  let evijaId: string;
  const booked: Array<{ id: string; start: string; centreId: string }> = [];
  const path = (id: string, query = '') => `/api/v1/scheduling/specialists/${id}/bookings${query}`;

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(BookingClock);
    clock.set(new Date('2026-11-15T12:00:00Z'));
    admin = await t.token('admin');
    specialist = await t.token('specialist.vsaa');
    const centres = (await t.request('GET', `/api/v1/network/centres?hasVideoBooth=true&service=${SERVICE}&pageSize=50`)).body.items as Centre[];
    const usable = centres.filter((c) => c.status === 'active' && c.videoBooths.some((b) => b.active));
    expect(usable.length).toBeGreaterThanOrEqual(2);
    [centreA, centreB] = [usable[0]!.id, usable[1]!.id];
    clerkA = await t.tokenFor('test:clerk.a', { roles: ['clerk'], centre_ids: [centreA], name: 'Clerk A' });
    clerkB = await t.tokenFor('test:clerk.b', { roles: ['clerk'], centre_ids: [centreB], name: 'Clerk B' });
    const specialists = await t.request('GET', `/api/v1/scheduling/specialists?serviceCode=${SERVICE}`, { token: admin });
    evijaId = specialists.body.find((s: { userId: string }) => s.userId === 'demo:specialist.vsaa').id;

    // Two confirmed bookings of Evija on Monday 16 November, one at each centre.
    for (const [centreId, clerk, pick] of [
      [centreA, clerkA, 0],
      [centreB, clerkB, -1],
    ] as const) {
      const slots = await t.request('GET', `/api/v1/scheduling/slots?serviceCode=${SERVICE}&centreId=${centreId}&from=2026-11-16&to=2026-11-16`, { token: clerk });
      const mine = (slots.body.slots as Array<{ start: string; specialistIds: string[] }>).filter((s) => s.specialistIds.includes(evijaId));
      const slot = mine.at(pick)!;
      const held = await t.request('POST', '/api/v1/scheduling/holds', { token: clerk, body: { serviceCode: SERVICE, centreId, start: slot.start, specialistId: evijaId, citizen: CITIZEN } });
      expect(held.status).toBe(201);
      const confirmed = await t.request('POST', `/api/v1/scheduling/bookings/${held.body.id}/confirm`, { token: clerk });
      expect(confirmed.status).toBe(200);
      booked.push({ id: confirmed.body.id, start: confirmed.body.start, centreId });
    }
    booked.sort((a, b) => a.start.localeCompare(b.start));
    await t.drainEvents();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it("lists the calling specialist's bookings of a day by start, without the visitor's data", async () => {
    const res = await t.request('GET', path('me', '?from=2026-11-16&to=2026-11-16'), { token: specialist });
    expect(res.status).toBe(200);
    expect(res.body.map((b: { id: string }) => b.id)).toEqual(booked.map((b) => b.id));
    expect(res.body[0]).toMatchObject({ specialistId: evijaId, serviceCode: SERVICE, status: 'confirmed', centreId: booked[0]!.centreId, start: booked[0]!.start });
    expect(res.body[0]).not.toHaveProperty('citizen');
    expect(JSON.stringify(res.body)).not.toMatch(/Bērziņš|010190/);
    // By id it is the same list; the day before holds nothing.
    expect((await t.request('GET', path(evijaId, '?from=2026-11-16&to=2026-11-16'), { token: specialist })).body).toEqual(res.body);
    expect((await t.request('GET', path('me', '?from=2026-11-15&to=2026-11-15'), { token: specialist })).body).toEqual([]);
    // Instants work too: from the second booking's start on, only that one.
    const later = await t.request('GET', path('me', `?from=${encodeURIComponent(booked[1]!.start)}&to=2026-11-17T00:00:00Z`), { token: specialist });
    expect(later.body.map((b: { id: string }) => b.id)).toEqual([booked[1]!.id]);
  });

  it('defaults to today in Europe/Riga', async () => {
    clock.set(new Date('2026-11-15T21:30:00Z')); // 23:30 on Sunday in Riga: today is still Sunday
    expect((await t.request('GET', path('me'), { token: specialist })).body).toEqual([]);
    clock.set(new Date('2026-11-15T22:30:00Z')); // 00:30 on Monday in Riga
    expect((await t.request('GET', path('me'), { token: specialist })).body.map((b: { id: string }) => b.id)).toEqual(booked.map((b) => b.id));
    clock.set(new Date('2026-11-15T12:00:00Z'));
  });

  it('shows administrators everything, clerks only their centres and other institutions nothing', async () => {
    const day = '?from=2026-11-16&to=2026-11-16';
    expect((await t.request('GET', path(evijaId, day), { token: admin })).body).toHaveLength(2);
    const a = await t.request('GET', path(evijaId, day), { token: clerkA });
    expect(a.status).toBe(200);
    expect(a.body.map((b: { id: string }) => b.id)).toEqual(booked.filter((b) => b.centreId === centreA).map((b) => b.id));
    const b = await t.request('GET', path(evijaId, day), { token: clerkB });
    expect(b.body.map((x: { id: string }) => x.id)).toEqual(booked.filter((x) => x.centreId === centreB).map((x) => x.id));

    const vid = await t.request('GET', path(evijaId, day), { token: await t.token('specialist.vid') });
    expect(vid.status).toBe(403);
    expect(vid.body.code).toBe('SCHEDULING.INSTITUTION_ACCESS_DENIED');
    expect((await t.request('GET', path(evijaId, day))).status).toBe(401);
    expect((await t.request('GET', path(evijaId, day), { token: await t.token('auditor') })).status).toBe(403);
    // `me` is only for specialists with a calendar.
    expect((await t.request('GET', path('me', day), { token: admin })).body.code).toBe('SPECIALIST.NOT_FOUND');
    expect((await t.request('GET', path('00000000-0000-4000-8000-000000000000', day), { token: admin })).status).toBe(404);
  });

  it('answers bad bounds with 422 problem+json', async () => {
    for (const query of ['?from=yesterday', '?from=2026-11-16T10:00:00', '?from=2026-11-17&to=2026-11-16', '?from=2026-11-01&to=2026-12-31']) {
      const res = await t.request('GET', path('me', query), { token: specialist });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('REQUEST.INVALID');
    }
  });

  it("links each booking to its video session through RemoteOfficial's booked-sessions", async () => {
    const sessions = await t.request('GET', '/api/v1/remote-official/booked-sessions?from=2026-11-16T00:00:00Z&to=2026-11-17T00:00:00Z', { token: specialist });
    expect(sessions.status).toBe(200);
    const byBooking = new Map((sessions.body as Array<{ bookingId: string; id: string; status: string }>).map((s) => [s.bookingId, s]));
    for (const b of booked) expect(byBooking.get(b.id)).toMatchObject({ status: 'scheduled', id: expect.any(String) });
  });
});

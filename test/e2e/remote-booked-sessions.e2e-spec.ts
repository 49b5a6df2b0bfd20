import type { Socket } from 'socket.io-client';
import { connectSocket, nextEvent as nextSocketEvent } from '../support/socket-events';
import { BookingClock } from '../../modules/scheduling/application/bookings/booking-clock';
import { RemoteClock } from '../../modules/remote-official/application/remote-clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { janusAdminVideoRoom, startJanus, type JanusTestServer } from '../support/janus-server';

/**
 * Booked consultations become video sessions (real PostgreSQL, real Janus): created when the booking
 * is confirmed, joinable from 10 minutes before the start, carrying only what the clerk shared;
 * reschedule, cancel and no-show of the booking are reflected in the session. Booking events and
 * audit entries are checked on the way.
 */

const SERVICE = 'VSAA-001';
const BASE = '/api/v1/remote-official';
const MINUTE = 60_000;
const CITIZEN = { name: 'Jānis Bērziņš', maskedCode: '010190-*****' };

const connect = (baseUrl: string, token: string): Promise<Socket> => connectSocket(baseUrl, '/remote', token);
const nextEvent = <T>(socket: Socket, name: string, match: (payload: T) => boolean, timeoutMs = 10000): Promise<T> => nextSocketEvent<T>(socket, name, match, timeoutMs);

interface SessionRow {
  id: string;
  status: string;
  origin: string;
  booking_id: string;
  scheduled_start: Date;
  failure_reason: string | null;
  shared_name: string | null;
}

describe('booked consultations as video sessions (real Janus)', () => {
  let janus: JanusTestServer;
  let t: TestApp;
  let bookingClock: BookingClock;
  let remoteClock: RemoteClock;
  let clerk: string;
  let specialist: string;
  let vid: string;
  let centreId: string;
  let evijaId: string;
  const sockets: Socket[] = [];
  const NOW = new Date('2026-11-15T12:00:00Z');

  beforeAll(async () => {
    janus = await startJanus();
    t = await startTestApp({ JANUS_SERVERS: JSON.stringify([janus.gatewayConfig('janus-a')]) });
    bookingClock = t.app.get(BookingClock);
    remoteClock = t.app.get(RemoteClock);
    bookingClock.set(NOW);
    remoteClock.set(NOW);
    const admin = await t.token('admin');
    const centres = await t.request('GET', `/api/v1/network/centres?hasVideoBooth=true&service=${SERVICE}&pageSize=50`);
    const centre = centres.body.items.find((c: { status: string; videoBooths: Array<{ active: boolean }> }) => c.status === 'active' && c.videoBooths.some((b) => b.active));
    centreId = centre.id;
    clerk = await t.tokenFor('test:clerk.booked', { roles: ['clerk'], centre_ids: [centreId], name: 'Booth Clerk' });
    specialist = await t.token('specialist.vsaa');
    vid = await t.token('specialist.vid');
    const specialists = await t.request('GET', `/api/v1/scheduling/specialists?serviceCode=${SERVICE}`, { token: admin });
    evijaId = specialists.body.find((s: { userId: string }) => s.userId === 'demo:specialist.vsaa').id;
  }, 60_000);

  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
    bookingClock.set(NOW);
    remoteClock.set(NOW);
  });

  afterAll(async () => {
    await t?.close();
    await janus?.dispose();
  });

  const evijaSlots = async (date: string): Promise<Array<{ start: string; end: string }>> => {
    const res = await t.request('GET', `/api/v1/scheduling/slots?serviceCode=${SERVICE}&centreId=${centreId}&from=${date}&to=${date}`, { token: clerk });
    expect(res.status).toBe(200);
    return res.body.slots.filter((s: { specialistIds: string[] }) => s.specialistIds.includes(evijaId));
  };
  const book = async (start: string): Promise<{ id: string; start: string; end: string }> => {
    const held = await t.request('POST', '/api/v1/scheduling/holds', { token: clerk, body: { serviceCode: SERVICE, centreId, start, specialistId: evijaId, citizen: CITIZEN } });
    expect(held.status).toBe(201);
    const confirmed = await t.request('POST', `/api/v1/scheduling/bookings/${held.body.id}/confirm`, { token: clerk });
    expect(confirmed.status).toBe(200);
    return confirmed.body;
  };
  const sessionOfBooking = async (bookingId: string): Promise<SessionRow | undefined> =>
    (await t.sql<SessionRow>('select id, status, origin, booking_id, scheduled_start, failure_reason, shared_name from remote_official.remote_session where booking_id = $1', [bookingId]))[0];

  it('a confirmed booking gets a scheduled session; it opens 10 minutes before the start; the specialist sees only what the clerk shared', async () => {
    const [slot] = await evijaSlots('2026-11-16');
    const booking = await book(slot.start);
    await t.drainEvents();

    // BookingConfirmed carries no personal data.
    const [confirmedEvent] = await t.sql<{ payload: { payload: Record<string, unknown> } }>("select payload from platform.outbox where type = 'scheduling.BookingConfirmed' and aggregate_id = $1", [booking.id]);
    expect(confirmedEvent.payload.payload).toMatchObject({ bookingId: booking.id, specialistId: evijaId, centreId, serviceCode: SERVICE, start: slot.start, rescheduledFromId: null });
    expect(JSON.stringify(confirmedEvent)).not.toMatch(/Bērziņš|010190/);

    const row = await sessionOfBooking(booking.id);
    expect(row).toMatchObject({ status: 'scheduled', origin: 'booking', shared_name: CITIZEN.name });
    const sessionId = row!.id;

    // Both consoles list it (without the shared data).
    const mine = await t.request('GET', `${BASE}/booked-sessions?from=2026-11-16T00:00:00Z&to=2026-11-17T00:00:00Z`, { token: specialist });
    expect(mine.status).toBe(200);
    const listed = mine.body.find((s: { id: string }) => s.id === sessionId);
    expect(listed).toMatchObject({ bookingId: booking.id, origin: 'booking', requestId: null, status: 'scheduled', scheduledStart: slot.start, shared: null });
    expect(new Date(listed.joinOpensAt).getTime()).toBe(new Date(slot.start).getTime() - 10 * MINUTE);
    const centreList = await t.request('GET', `${BASE}/booked-sessions?from=2026-11-16T00:00:00Z&to=2026-11-17T00:00:00Z`, { token: clerk });
    expect(centreList.body.map((s: { id: string }) => s.id)).toContain(sessionId);
    expect((await t.request('GET', `${BASE}/booked-sessions?from=2026-11-16T00:00:00Z&to=2026-11-17T00:00:00Z`, { token: vid })).body).toEqual([]);

    // Too early: refused with the window.
    remoteClock.set(new Date(new Date(slot.start).getTime() - 30 * MINUTE));
    const early = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'REMOTE.JOIN_WINDOW_CLOSED', opensAt: new Date(new Date(slot.start).getTime() - 10 * MINUTE).toISOString() });

    // Another institution's specialist sees nothing of it.
    expect((await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: vid })).status).toBe(403);
    expect((await t.request('POST', `${BASE}/booked-sessions`, { token: vid, body: { bookingId: booking.id } })).status).toBe(403);

    // The clerk opens it (same session) and adds a note for the specialist.
    const opened = await t.request('POST', `${BASE}/booked-sessions`, { token: clerk, body: { bookingId: booking.id, sharedNote: 'Vēlas pārrunāt pensijas pārrēķinu' } });
    expect(opened.status).toBe(200);
    expect(opened.body.id).toBe(sessionId);

    const clerkSocket = await connect(t.baseUrl, clerk);
    sockets.push(clerkSocket);
    const ready = nextEvent<{ id: string; status: string; bookingId: string }>(clerkSocket, 'session:changed', (s) => s.id === sessionId && s.status === 'room_ready');
    remoteClock.set(new Date(new Date(slot.start).getTime() - 5 * MINUTE));
    const booth = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk });
    expect(booth.status).toBe(200);
    expect((await ready).bookingId).toBe(booking.id);
    expect(await janusAdminVideoRoom(janus, { request: 'exists', room: booth.body.room })).toMatchObject({ exists: true });
    const joined = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: specialist });
    expect(joined.status).toBe(200);
    expect(joined.body.room).toBe(booth.body.room);

    const read = await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: specialist });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'participants_joined', origin: 'booking', bookingId: booking.id });
    expect(read.body.shared).toEqual({ name: CITIZEN.name, maskedCode: CITIZEN.maskedCode, note: 'Vēlas pārrunāt pensijas pārrēķinu' });
    const audit = await t.sql<{ action: string; actor_id: string; details: { fields: string[] } }>(
      "select action, actor_id, details from platform.audit_log where resource_id = $1 and action = 'remote.session.personal-data.read' order by seq",
      [sessionId],
    );
    expect(audit.map((a) => a.actor_id)).toContain('demo:specialist.vsaa');
    expect(audit[audit.length - 1].details.fields.sort()).toEqual(['maskedCode', 'name', 'note']);

    const ended = await t.request('POST', `${BASE}/sessions/${sessionId}/end`, { token: specialist, body: { outcome: 'resolved' } });
    expect(ended.body.status).toBe('ended');
    const events = await t.sql<{ type: string; payload: { payload: Record<string, unknown> } }>("select type, payload from platform.outbox where aggregate_id = $1 and type like 'remote-official.%' order by position", [sessionId]);
    expect(events.map((e) => e.type)).toEqual(['remote-official.RemoteSessionStarted', 'remote-official.RemoteSessionEnded']);
    expect(events[0].payload.payload).toMatchObject({ sessionId, requestId: null, origin: 'booking', bookingId: booking.id, delaySeconds: expect.any(Number) });
    expect(JSON.stringify(events)).not.toMatch(/Bērziņš|010190|pārrēķinu/);
  }, 60_000);

  it('reschedule moves the session to the new booking; cancel cancels it and both consoles are told', async () => {
    const slots = await evijaSlots('2026-11-17');
    const booking = await book(slots[0].start);
    await t.drainEvents();
    const session = await sessionOfBooking(booking.id);
    expect(session?.status).toBe('scheduled');

    const later = slots[slots.length - 1];
    const moved = await t.request('POST', `/api/v1/scheduling/bookings/${booking.id}/reschedule`, { token: clerk, body: { start: later.start } });
    expect(moved.status).toBe(200);
    const newId = moved.body.booking.id as string;
    await t.drainEvents();
    const relinked = await sessionOfBooking(newId);
    expect(relinked).toMatchObject({ id: session!.id, status: 'scheduled' });
    expect(new Date(relinked!.scheduled_start).toISOString()).toBe(later.start);
    expect(await sessionOfBooking(booking.id)).toBeUndefined();
    const rescheduledEvent = await t.sql<{ payload: { payload: Record<string, unknown> } }>("select payload from platform.outbox where type = 'scheduling.BookingRescheduled' and aggregate_id = $1", [booking.id]);
    expect(rescheduledEvent[0].payload.payload).toMatchObject({ bookingId: booking.id, newBookingId: newId, newStart: later.start });
    // The old booking has no session of its own any more.
    const old = await t.request('POST', `${BASE}/booked-sessions`, { token: clerk, body: { bookingId: booking.id } });
    expect(old.status).toBe(409);
    expect(old.body).toMatchObject({ code: 'REMOTE.BOOKING_NOT_CONFIRMED', bookingStatus: 'rescheduled', rescheduledToId: newId });

    const clerkSocket = await connect(t.baseUrl, clerk);
    const specialistSocket = await connect(t.baseUrl, specialist);
    sockets.push(clerkSocket, specialistSocket);
    const toClerk = nextEvent<{ id: string; status: string; reason: string }>(clerkSocket, 'session:changed', (s) => s.id === session!.id && s.status === 'cancelled');
    const toSpecialist = nextEvent<{ id: string; status: string; reason: string }>(specialistSocket, 'session:changed', (s) => s.id === session!.id && s.status === 'cancelled');
    const cancelled = await t.request('POST', `/api/v1/scheduling/bookings/${newId}/cancel`, { token: clerk, body: { reason: 'Jānis saslima', reasonCode: 'citizen_request' } });
    expect(cancelled.status).toBe(200);
    await t.drainEvents();
    expect((await toClerk).reason).toBe('booking_cancelled');
    await toSpecialist;
    expect((await sessionOfBooking(newId))?.status).toBe('cancelled');

    const [cancelEvent] = await t.sql<{ payload: { payload: Record<string, unknown> } }>("select payload from platform.outbox where type = 'scheduling.BookingCancelled' and aggregate_id = $1", [newId]);
    expect(cancelEvent.payload.payload).toMatchObject({ bookingId: newId, reason: 'citizen_request', previousStatus: 'confirmed' });
    expect(JSON.stringify(cancelEvent)).not.toMatch(/saslima|Jānis/);
    const audit = await t.sql<{ resource_id: string; action: string }>("select resource_id, action from platform.audit_log where resource_id in ($1, $2) and action like 'scheduling.booking.%' order by seq", [booking.id, newId]);
    expect(audit.map((a) => `${a.resource_id === booking.id ? 'old' : 'new'}:${a.action}`)).toEqual([
      'old:scheduling.booking.held',
      'old:scheduling.booking.confirmed',
      'old:scheduling.booking.rescheduled',
      'new:scheduling.booking.cancelled',
    ]);
    expect((await t.request('POST', `${BASE}/sessions/${session!.id}/join`, { token: clerk })).status).toBe(409);
  }, 60_000);

  it('a no-show abandons the session; a wrong reason code is refused', async () => {
    const slots = await evijaSlots('2026-11-19');
    const booking = await book(slots[0].start);
    await t.drainEvents();
    const session = await sessionOfBooking(booking.id);
    expect((await t.request('POST', `/api/v1/scheduling/bookings/${booking.id}/cancel`, { token: clerk, body: { reason: 'x', reasonCode: 'whim' } })).status).toBe(422);

    bookingClock.set(new Date(new Date(booking.start).getTime() + 5 * MINUTE));
    const noShow = await t.request('POST', `/api/v1/scheduling/bookings/${booking.id}/no-show`, { token: clerk });
    expect(noShow.status).toBe(200);
    await t.drainEvents();
    expect(await sessionOfBooking(booking.id)).toMatchObject({ id: session!.id, status: 'abandoned', failure_reason: 'no_show' });
    const types = (await t.sql<{ type: string }>('select type from platform.outbox where aggregate_id in ($1, $2) order by position', [booking.id, session!.id])).map((e) => e.type);
    expect(types).toEqual(['scheduling.BookingConfirmed', 'scheduling.BookingNoShow', 'remote-official.RemoteSessionAbandoned']);
  }, 60_000);
});

import type { Socket } from 'socket.io-client';
import { connectSocket, nextEvent as nextSocketEvent } from '../support/socket-events';
import { RemoteOfficialService } from '../../modules/remote-official/application/remote-official.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { JanusHttpParticipant, janusAdmin, janusAdminVideoRoom, startJanus, type JanusTestServer } from '../support/janus-server';

/**
 * RemoteOfficial session endings other than `ended`, and the clean-up job, against a real Janus 1.1.2:
 * failed (reason), abandoned (request withdrawn / nobody joined), leftover rooms and tokens after
 * Janus was unreachable, stray tokens, rooms lost in a Janus restart.
 */

const UNAUTHORIZED = { code: 403, reason: 'Unauthorized request (wrong or missing secret/token)' };
const BASE = '/api/v1/remote-official';
const MINUTE = 60_000;

const connect = (baseUrl: string, token: string): Promise<Socket> => connectSocket(baseUrl, '/remote', token);
const nextEvent = <T>(socket: Socket, name: string, match: (payload: T) => boolean, timeoutMs = 8000): Promise<T> => nextSocketEvent<T>(socket, name, match, timeoutMs);

interface SessionChanged {
  id: string;
  status: string;
  reason: string | null;
  requestId: string | null;
  bookingId: string | null;
}

describe('RemoteOfficial — failed, abandoned and the clean-up job (real Janus)', () => {
  let janus: JanusTestServer;
  let t: TestApp;
  let remote: RemoteOfficialService;
  let centreId: string;
  let clerk: string;
  let vsaa: string;
  const sockets: Socket[] = [];

  const newRequest = () => t.request('POST', `${BASE}/requests`, { token: clerk, body: { institutionCode: 'VSAA', serviceCode: 'VSAA-002', centreId, boothId: 'booth-1', sharedNote: 'Jautājums par pensiju' } });
  const acceptNew = async (): Promise<string> => {
    const created = await newRequest();
    expect(created.status).toBe(201);
    const accepted = await t.request('POST', `${BASE}/requests/${created.body.id}/accept`, { token: vsaa });
    expect(accepted.status).toBe(201);
    return accepted.body.id as string;
  };
  const outboxOf = (aggregateId: string) => t.sql<{ type: string; payload: { payload: Record<string, unknown> } }>('select type, payload from platform.outbox where aggregate_id = $1 order by position', [aggregateId]);
  const roomOf = async (sessionId: string) => (await t.sql<{ room: string | null; room_secret: string | null; booth_token: string | null; specialist_token: string | null }>('select room, room_secret, booth_token, specialist_token from remote_official.remote_session where id = $1', [sessionId]))[0];

  beforeAll(async () => {
    janus = await startJanus();
    t = await startTestApp({ JANUS_SERVERS: JSON.stringify([janus.gatewayConfig('janus-a')]) });
    remote = t.app.get(RemoteOfficialService);
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    clerk = await t.token('clerk.cesis');
    vsaa = await t.token('specialist.vsaa');
  }, 60_000);

  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
  });

  afterAll(async () => {
    await t?.close();
    await janus?.dispose();
  });

  it('the clean-up job is scheduled through pg-boss every minute', async () => {
    const rows = await t.sql<{ name: string; cron: string; timezone: string }>("select name, cron, timezone from pgboss.schedule where name = 'remote-official-cleanup'");
    expect(rows).toEqual([{ name: 'remote-official-cleanup', cron: '* * * * *', timezone: 'Europe/Riga' }]);
  });

  it('a call fails with a reason: both consoles are told, the room is destroyed, the tokens die, Reporting gets RemoteSessionFailed', async () => {
    const sessionId = await acceptNew();
    const booth = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk });
    const specialist = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: vsaa });
    expect([booth.status, specialist.status]).toEqual([200, 200]);
    const clerkSocket = await connect(t.baseUrl, clerk);
    const specialistSocket = await connect(t.baseUrl, vsaa);
    sockets.push(clerkSocket, specialistSocket);
    const toClerk = nextEvent<SessionChanged>(clerkSocket, 'session:changed', (s) => s.id === sessionId && s.status === 'failed');
    const toSpecialist = nextEvent<SessionChanged>(specialistSocket, 'session:changed', (s) => s.id === sessionId && s.status === 'failed');

    const bad = await t.request('POST', `${BASE}/sessions/${sessionId}/fail`, { token: vsaa, body: { reason: 'bored' } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');

    const failed = await t.request('POST', `${BASE}/sessions/${sessionId}/fail`, { token: vsaa, body: { reason: 'media_failure' } });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', failureReason: 'media_failure', endedAt: expect.any(String) });
    expect(await toClerk).toMatchObject({ status: 'failed', reason: 'media_failure' });
    expect(await toSpecialist).toMatchObject({ status: 'failed', reason: 'media_failure' });

    expect(await janusAdminVideoRoom(janus, { request: 'exists', room: booth.body.room })).toMatchObject({ exists: false });
    expect(await new JanusHttpParticipant(janus.httpUrl, booth.body.token).createSession()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });
    expect(await roomOf(sessionId)).toMatchObject({ room_secret: null, booth_token: null, specialist_token: null });

    const again = await t.request('POST', `${BASE}/sessions/${sessionId}/fail`, { token: clerk, body: { reason: 'other' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REMOTE.SESSION_NOT_ACTIVE');

    const events = await outboxOf(sessionId);
    const failedEvent = events.find((e) => e.type === 'remote-official.RemoteSessionFailed');
    expect(failedEvent?.payload.payload).toMatchObject({ sessionId, origin: 'on_demand', bookingId: null, reason: 'media_failure', institutionCode: 'VSAA', serviceCode: 'VSAA-002', centreId, interruptions: 0 });
    expect(JSON.stringify(events)).not.toMatch(/pensiju|demo:/);
    const audit = await t.sql<{ action: string; actor_id: string }>("select action, actor_id from platform.audit_log where resource_id = $1 and action = 'remote.session.failed'", [sessionId]);
    expect(audit).toEqual([{ action: 'remote.session.failed', actor_id: 'demo:specialist.vsaa' }]);
  });

  it('a clerk withdraws a waiting request: it leaves the line and is reported abandoned; only the centre’s clerk may', async () => {
    const created = await newRequest();
    const id = created.body.id as string;
    const other = await t.tokenFor('test:clerk.elsewhere', { roles: ['clerk'], centre_ids: ['00000000-0000-4000-8000-000000000001'] });
    expect((await t.request('POST', `${BASE}/requests/${id}/withdraw`, { token: other })).status).toBe(403);
    expect((await t.request('POST', `${BASE}/requests/${id}/withdraw`, { token: vsaa })).status).toBe(403);

    const withdrawn = await t.request('POST', `${BASE}/requests/${id}/withdraw`, { token: clerk });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ id, status: 'abandoned', position: null });
    const line = await t.request('GET', `${BASE}/requests`, { token: vsaa });
    expect(line.body.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await t.request('POST', `${BASE}/requests/${id}/accept`, { token: vsaa })).status).toBe(409);
    expect((await t.request('POST', `${BASE}/requests/${id}/withdraw`, { token: clerk })).status).toBe(409);

    const [event] = (await outboxOf(id)).filter((e) => e.type === 'remote-official.RemoteSessionAbandoned');
    expect(event.payload.payload).toMatchObject({ requestId: id, sessionId: null, origin: 'on_demand', reason: 'request_withdrawn', waitSeconds: expect.any(Number) });
  });

  it('clean-up: a room nobody joined within the limit is abandoned, destroyed, and both consoles are told', async () => {
    const sessionId = await acceptNew();
    const { room } = await roomOf(sessionId);
    const clerkSocket = await connect(t.baseUrl, clerk);
    const specialistSocket = await connect(t.baseUrl, vsaa);
    sockets.push(clerkSocket, specialistSocket);
    const toClerk = nextEvent<SessionChanged>(clerkSocket, 'session:changed', (s) => s.id === sessionId && s.status === 'abandoned');
    const toSpecialist = nextEvent<SessionChanged>(specialistSocket, 'session:changed', (s) => s.id === sessionId && s.status === 'abandoned');

    // Not yet: 14 minutes after acceptance.
    await remote.cleanup(new Date(Date.now() + 14 * MINUTE));
    expect((await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: vsaa })).body.status).toBe('room_ready');

    const result = await remote.cleanup(new Date(Date.now() + 16 * MINUTE));
    expect(result.abandoned).toBeGreaterThanOrEqual(1);
    const read = await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: vsaa });
    expect(read.body).toMatchObject({ status: 'abandoned', failureReason: 'nobody_joined' });
    expect(await toClerk).toMatchObject({ reason: 'nobody_joined' });
    expect(await toSpecialist).toMatchObject({ reason: 'nobody_joined' });
    expect(await janusAdminVideoRoom(janus, { request: 'exists', room: Number(room) })).toMatchObject({ exists: false });
    const [event] = (await outboxOf(sessionId)).filter((e) => e.type === 'remote-official.RemoteSessionAbandoned');
    expect(event.payload.payload).toMatchObject({ sessionId, reason: 'nobody_joined', origin: 'on_demand' });
  });

  it('clean-up: a session ended while Janus hung keeps its room and tokens until the job destroys and revokes them', async () => {
    const sessionId = await acceptNew();
    const booth = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk });
    const specialist = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: vsaa });
    expect([booth.status, specialist.status]).toEqual([200, 200]);

    await janus.freeze();
    let ended;
    try {
      ended = await t.request('POST', `${BASE}/sessions/${sessionId}/end`, { token: vsaa, body: { outcome: 'technical_problem' } });
    } finally {
      janus.thaw();
    }
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    // The release gave up at the first (timed-out) call: the room is still there, the second token
    // still works, and the session keeps the room's secret and both tokens for the clean-up.
    // (The timed-out revocation of the first token may still reach Janus once it runs again.)
    expect(await roomOf(sessionId)).toMatchObject({ room_secret: expect.any(String), booth_token: booth.body.token, specialist_token: specialist.body.token });
    expect(await janusAdminVideoRoom(janus, { request: 'exists', room: booth.body.room })).toMatchObject({ exists: true });
    expect(await new JanusHttpParticipant(janus.httpUrl, specialist.body.token).createSession()).toMatchObject({ janus: 'success' });

    // Run the clean-up until the room is gone: the first runs may still see Janus as down (the
    // gateway caches its health), and the scheduled run of the job may get there first.
    const deadline = Date.now() + 20_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1100));
      const result = await remote.cleanup();
      if (result.roomsDestroyed > 0 || !(await janusAdminVideoRoom(janus, { request: 'exists', room: booth.body.room })).exists || Date.now() > deadline) break;
    }
    expect(await janusAdminVideoRoom(janus, { request: 'exists', room: booth.body.room })).toMatchObject({ exists: false });
    expect(await new JanusHttpParticipant(janus.httpUrl, booth.body.token).createSession()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });
    expect(await new JanusHttpParticipant(janus.httpUrl, specialist.body.token).createSession()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });
    expect(await roomOf(sessionId)).toMatchObject({ room_secret: null, booth_token: null, specialist_token: null });
  }, 30_000);

  it('clean-up: a token no session refers to is revoked at the second run; a live session’s token is kept', async () => {
    const sessionId = await acceptNew();
    const booth = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk });
    const stray = `stray-${Date.now()}-abcdefghijklmnopqrstuvwxyz`;
    expect(await janusAdmin(janus, 'add_token', { token: stray, plugins: ['janus.plugin.videoroom'] })).toMatchObject({ janus: 'success' });

    await remote.cleanup();
    await remote.cleanup();
    const tokens = (await janusAdmin(janus, 'list_tokens')).data.tokens.map((x: { token: string }) => x.token);
    expect(tokens).not.toContain(stray);
    expect(tokens).toContain(booth.body.token);
    expect(await new JanusHttpParticipant(janus.httpUrl, stray).createSession()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });
    expect(await new JanusHttpParticipant(janus.httpUrl, booth.body.token).createSession()).toMatchObject({ janus: 'success' });
    await t.request('POST', `${BASE}/sessions/${sessionId}/end`, { token: vsaa, body: { outcome: 'resolved' } });
  });

  it('clean-up: a session whose room vanished in a Janus restart becomes interrupted', async () => {
    const sessionId = await acceptNew();
    await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk });
    const clerkSocket = await connect(t.baseUrl, clerk);
    sockets.push(clerkSocket);
    const toClerk = nextEvent<SessionChanged>(clerkSocket, 'session:changed', (s) => s.id === sessionId && s.status === 'interrupted');
    await janus.restart();
    const result = await remote.cleanup();
    expect(result.interrupted).toBeGreaterThanOrEqual(1);
    await toClerk;
    expect((await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: vsaa })).body).toMatchObject({ status: 'interrupted', interruptions: 1 });
    // An interrupted session can fail for good.
    const failed = await t.request('POST', `${BASE}/sessions/${sessionId}/fail`, { token: clerk, body: { reason: 'room_lost' } });
    expect(failed.body).toMatchObject({ status: 'failed', failureReason: 'room_lost', interruptions: 1 });
  }, 30_000);
});

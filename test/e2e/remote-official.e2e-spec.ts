import type { Socket } from 'socket.io-client';
import { connectSocket, nextEvent as nextSocketEvent } from '../support/socket-events';
import { startTestApp, type TestApp } from '../support/test-app';
import { JanusHttpParticipant, janusAdminVideoRoom, startJanus, type JanusTestServer } from '../support/janus-server';

/**
 * RemoteOfficial against a real Janus 1.1.2 (API level, no media): the on-demand line, the session
 * lifecycle, races, the ringing timeout, authorisation, and Janus going away.
 */

const UNAUTHORIZED = { code: 403, reason: 'Unauthorized request (wrong or missing secret/token)' };
const BASE = '/api/v1/remote-official';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const connect = (baseUrl: string, token: string): Promise<Socket> => connectSocket(baseUrl, '/remote', token);
const nextEvent = <T>(socket: Socket, name: string, match: (payload: T) => boolean, timeoutMs = 5000): Promise<T> => nextSocketEvent<T>(socket, name, match, timeoutMs);

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}

describe('RemoteOfficial — real Janus', () => {
  let janus: JanusTestServer;
  let t: TestApp;
  let centreId: string;
  let clerk: string;
  let vsaa: string;
  let vsaa2: string;
  let vid: string;
  const sockets: Socket[] = [];
  const participants: JanusHttpParticipant[] = [];

  const newRequest = (sharedNote = 'Jautājums par bērna kopšanas pabalstu') =>
    t.request('POST', `${BASE}/requests`, { token: clerk, body: { institutionCode: 'VSAA', serviceCode: 'VSAA-002', centreId, boothId: 'booth-1', sharedNote } });

  /** A Janus session over the HTTP API with the token, as a browser would (over WebSockets). */
  async function janusSession(token: string): Promise<Record<string, unknown>> {
    const participant = new JanusHttpParticipant(janus.httpUrl, token);
    participants.push(participant);
    return participant.createSession();
  }

  beforeAll(async () => {
    janus = await startJanus();
    t = await startTestApp({ JANUS_SERVERS: JSON.stringify([janus.gatewayConfig('janus-a')]), REMOTE_RING_TIMEOUT_SECONDS: '2' });
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    clerk = await t.token('clerk.cesis');
    vsaa = await t.token('specialist.vsaa');
    vid = await t.token('specialist.vid');
    const [institution] = await t.sql<{ id: string }>("select id from network.institution where code = 'VSAA'");
    vsaa2 = await t.tokenFor('specialist-vsaa-2', { roles: ['institution_specialist'], institution_id: institution.id, name: 'Otrs speciālists' });
  }, 60_000);

  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await Promise.all(participants.splice(0).map((p) => p.destroy()));
  });

  afterAll(async () => {
    await t?.close();
    await janus?.dispose();
  });

  it('request → the specialist sees it live and accepts → both join → end destroys the room and revokes the tokens', async () => {
    const specialistSocket = await connect(t.baseUrl, vsaa);
    const clerkSocket = await connect(t.baseUrl, clerk);
    sockets.push(specialistSocket, clerkSocket);
    const seen = nextEvent<{ institutionCode: string; waiting: Array<{ id: string; sharedNote: string }> }>(specialistSocket, 'line:changed', (l) => l.waiting.length > 0);

    const created = await newRequest();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'waiting', institutionCode: 'VSAA', serviceCode: 'VSAA-002', centreId, position: 1, estimateSeconds: expect.any(Number) });
    const line = await seen;
    expect(line.institutionCode).toBe('VSAA');
    expect(line.waiting.map((r) => r.id)).toContain(created.body.id);
    expect(line.waiting.find((r) => r.id === created.body.id)?.sharedNote).toBe('Jautājums par bērna kopšanas pabalstu');

    // The clerk sees the position.
    const mine = await t.request('GET', `${BASE}/requests/${created.body.id}`, { token: clerk });
    expect(mine.body).toMatchObject({ status: 'waiting', position: 1 });

    const sessionChanged = nextEvent<{ id: string; status: string }>(clerkSocket, 'session:changed', (s) => s.status === 'room_ready');
    const accepted = await t.request('POST', `${BASE}/requests/${created.body.id}/accept`, { token: vsaa });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ status: 'room_ready', requestId: created.body.id, institutionCode: 'VSAA' });
    const sessionId = accepted.body.id as string;
    expect((await sessionChanged).id).toBe(sessionId);

    const booth = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk });
    expect(booth.status).toBe(200);
    expect(booth.body).toEqual({ janusUrl: janus.wsUrl, token: expect.any(String), room: expect.any(Number), pin: expect.any(String) });
    const specialist = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: vsaa });
    expect(specialist.status).toBe(200);
    expect(specialist.body.token).not.toBe(booth.body.token);
    expect(specialist.body.room).toBe(booth.body.room);

    // Janus accepts both tokens, and the pin opens the room.
    expect(await janusSession(booth.body.token)).toMatchObject({ janus: 'success' });
    const sp = new JanusHttpParticipant(janus.httpUrl, specialist.body.token);
    participants.push(sp);
    expect(await sp.createSession()).toMatchObject({ janus: 'success' });
    const handle = await sp.attach();
    expect(await sp.message(handle, { request: 'join', ptype: 'publisher', room: specialist.body.room, pin: specialist.body.pin, display: 'specialist' })).toMatchObject({ videoroom: 'joined' });

    const read = await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: vsaa });
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('participants_joined');
    expect(read.body.participants).toEqual([expect.objectContaining({ display: 'specialist' })]);

    // Somebody else's clerk or another specialist of VSAA cannot join.
    expect((await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: vsaa2 })).status).toBe(403);

    const ended = await t.request('POST', `${BASE}/sessions/${sessionId}/end`, { token: vsaa, body: { outcome: 'resolved', notes: 'Iesniegums pieņemts' } });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', outcome: 'resolved', notes: 'Iesniegums pieņemts', durationSeconds: expect.any(Number) });

    expect(await janusAdminVideoRoom(janus, { request: 'exists', room: booth.body.room })).toMatchObject({ exists: false });
    expect(await new JanusHttpParticipant(janus.httpUrl, booth.body.token).createSession()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });
    expect(await new JanusHttpParticipant(janus.httpUrl, specialist.body.token).createSession()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });
    expect((await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk })).status).toBe(409);

    // Reads and joins are audited; events carry no personal data.
    const audit = await t.sql<{ action: string }>("select action from platform.audit_log where resource_id = $1 order by seq", [sessionId]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['remote.request.accepted', 'remote.session.joined', 'remote.session.read', 'remote.session.ended']));
    const events = await t.sql<{ type: string; payload: unknown }>("select type, payload from platform.outbox where type like 'remote-official.%' and aggregate_id in ($1, $2)", [sessionId, created.body.id]);
    expect(events.map((e) => e.type).sort()).toEqual([
      'remote-official.RemoteSessionAccepted',
      'remote-official.RemoteSessionEnded',
      'remote-official.RemoteSessionRequested',
      'remote-official.RemoteSessionStarted',
    ]);
    expect(JSON.stringify(events)).not.toMatch(/pabalstu|Iesniegums|specialist|clerk/);
  });

  it('two specialists race to accept: exactly one wins', async () => {
    const created = await newRequest();
    const [a, b] = await Promise.all([
      t.request('POST', `${BASE}/requests/${created.body.id}/accept`, { token: vsaa }),
      t.request('POST', `${BASE}/requests/${created.body.id}/accept`, { token: vsaa2 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.code).toBe('REMOTE.REQUEST_TAKEN');
    const sessions = await t.sql('select id from remote_official.remote_session where request_id = $1', [created.body.id]);
    expect(sessions).toHaveLength(1);
    const winner = a.status === 201 ? vsaa : vsaa2;
    await t.request('POST', `${BASE}/sessions/${sessions[0].id}/end`, { token: winner, body: { outcome: 'not_resolved' } });
  });

  it('a ringing request nobody accepts goes back to the line', async () => {
    const created = await newRequest();
    const offered = await t.request('POST', `${BASE}/requests/next`, { token: vsaa });
    expect(offered.status).toBe(200);
    expect(offered.body).toMatchObject({ id: created.body.id, status: 'ringing' });
    // While it rings for one specialist, another cannot take it.
    expect((await t.request('POST', `${BASE}/requests/${created.body.id}/accept`, { token: vsaa2 })).status).toBe(409);

    await until(async () => (await t.request('GET', `${BASE}/requests/${created.body.id}`, { token: clerk })).body.status === 'waiting', 8000);
    const back = await t.request('GET', `${BASE}/requests/${created.body.id}`, { token: clerk });
    expect(back.body).toMatchObject({ status: 'waiting', position: 1 });
    const accepted = await t.request('POST', `${BASE}/requests/${created.body.id}/accept`, { token: vsaa2 });
    expect(accepted.status).toBe(201);
    await t.request('POST', `${BASE}/sessions/${accepted.body.id}/end`, { token: vsaa2, body: { outcome: 'resolved' } });
  });

  it('a VID specialist can neither see nor accept VSAA requests nor read their sessions', async () => {
    const created = await newRequest();
    expect((await t.request('GET', `${BASE}/requests/${created.body.id}`, { token: vid })).status).toBe(403);
    expect((await t.request('POST', `${BASE}/requests/${created.body.id}/accept`, { token: vid })).status).toBe(403);
    const line = await t.request('GET', `${BASE}/requests`, { token: vid });
    expect(line.status).toBe(200);
    expect(line.body.map((r: { id: string }) => r.id)).not.toContain(created.body.id);
    const vidSocket = await connect(t.baseUrl, vid);
    sockets.push(vidSocket);

    const accepted = await t.request('POST', `${BASE}/requests/${created.body.id}/accept`, { token: vsaa });
    expect(accepted.status).toBe(201);
    const forbidden = await t.request('GET', `${BASE}/sessions/${accepted.body.id}`, { token: vid });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('REMOTE.ACCESS_DENIED');
    expect((await t.request('POST', `${BASE}/sessions/${accepted.body.id}/join`, { token: vid })).status).toBe(403);
    const ack = (await vidSocket.timeout(3000).emitWithAck('session:watch', { sessionId: accepted.body.id })) as { error?: string };
    expect(ack.error).toBe('REMOTE.ACCESS_DENIED');
    await t.request('POST', `${BASE}/sessions/${accepted.body.id}/end`, { token: vsaa, body: { outcome: 'resolved' } });
  });

  it('Janus restarted mid-call: check marks the session interrupted and tells both sides; reopen gives a new room', async () => {
    const created = await newRequest();
    const accepted = await t.request('POST', `${BASE}/requests/${created.body.id}/accept`, { token: vsaa });
    const sessionId = accepted.body.id as string;
    const booth = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk });
    await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: vsaa });
    const clerkSocket = await connect(t.baseUrl, clerk);
    const specialistSocket = await connect(t.baseUrl, vsaa);
    sockets.push(clerkSocket, specialistSocket);
    const toClerk = nextEvent<{ id: string; status: string }>(clerkSocket, 'session:changed', (s) => s.id === sessionId && s.status === 'interrupted');
    const toSpecialist = nextEvent<{ id: string; status: string }>(specialistSocket, 'session:changed', (s) => s.id === sessionId && s.status === 'interrupted');

    await janus.restart();
    const checked = await t.request('POST', `${BASE}/sessions/${sessionId}/check`, { token: clerk });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ status: 'interrupted', interruptions: 1 });
    await Promise.all([toClerk, toSpecialist]);
    expect((await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk })).status).toBe(409);

    const reopened = await t.request('POST', `${BASE}/sessions/${sessionId}/reopen`, { token: vsaa });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('room_ready');
    const again = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk });
    expect(again.status).toBe(200);
    expect(again.body.token).not.toBe(booth.body.token);
    expect(await janusSession(again.body.token)).toMatchObject({ janus: 'success' });
    expect(await janusAdminVideoRoom(janus, { request: 'exists', room: again.body.room })).toMatchObject({ exists: true });
    const ended = await t.request('POST', `${BASE}/sessions/${sessionId}/end`, { token: vsaa, body: { outcome: 'resolved' } });
    expect(ended.body).toMatchObject({ status: 'ended', interruptions: 1 });
  });

  it('Janus stopped: accepting and requesting answer 503 and nothing is lost', async () => {
    const created = await newRequest();
    await janus.stop();
    try {
      const accept = await t.request('POST', `${BASE}/requests/${created.body.id}/accept`, { token: vsaa });
      expect(accept.status).toBe(503);
      expect(accept.body.code).toBe('REMOTE.VIDEO_GATEWAY_UNAVAILABLE');
      const still = await t.request('GET', `${BASE}/requests/${created.body.id}`, { token: clerk });
      expect(still.body).toMatchObject({ status: 'waiting', sessionId: null });
      expect(await t.sql('select id from remote_official.remote_session where request_id = $1', [created.body.id])).toHaveLength(0);

      await sleep(1100); // past the gateway's health cache
      const refused = await newRequest();
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('REMOTE.VIDEO_GATEWAY_UNAVAILABLE');
    } finally {
      await janus.restart();
    }
    await sleep(1100);
    const accepted = await t.request('POST', `${BASE}/requests/${created.body.id}/accept`, { token: vsaa });
    expect(accepted.status).toBe(201);
    await t.request('POST', `${BASE}/sessions/${accepted.body.id}/end`, { token: vsaa, body: { outcome: 'resolved' } });
  });

  it('without JANUS_SERVERS the gateway reports unavailable', async () => {
    const bare = await startTestApp();
    try {
      const token = await bare.token('clerk.cesis');
      const res = await bare.request('POST', `${BASE}/requests`, { token, body: { institutionCode: 'VSAA', serviceCode: 'VSAA-002', centreId } });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('REMOTE.VIDEO_GATEWAY_UNAVAILABLE');
    } finally {
      await bare.close();
    }
  }, 60_000);
});

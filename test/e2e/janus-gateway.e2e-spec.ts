import { DomainError } from '@modules/shared-kernel';
import { JanusVideoGateway } from '../../modules/remote-official/infrastructure/janus/janus-video-gateway';
import type { VideoRoomAccess } from '../../modules/remote-official/domain/video-gateway.port';
import { JanusHttpParticipant, janusAdminVideoRoom, startJanus, webSocketHandshake, type JanusTestServer } from '../support/janus-server';

/**
 * The Janus adapter of RemoteOfficial against a real Janus 1.1.2 (Debian package, started per suite on
 * free 127.0.0.1 ports by test/support/janus-server.ts). API only: no media, so no network namespace.
 */

const UNAUTHORIZED = { code: 403, reason: 'Unauthorized request (wrong or missing secret/token)' };

/** Resolves with the DomainError code the promise rejected with, and how long it took. */
async function rejection(promise: Promise<unknown>): Promise<{ code: string | undefined; ms: number; error: unknown }> {
  const started = Date.now();
  try {
    await promise;
  } catch (error) {
    return { code: error instanceof DomainError ? error.code : undefined, ms: Date.now() - started, error };
  }
  throw new Error('expected the call to reject');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A participant who joins a room as a publisher over the Janus HTTP API, with a token, as a browser would. */
async function joinAsPublisher(janus: JanusTestServer, token: string, room: VideoRoomAccess, display: string, pin = room.pin) {
  const participant = new JanusHttpParticipant(janus.httpUrl, token);
  const created = await participant.createSession();
  expect(created.janus).toBe('success');
  const handle = await participant.attach();
  const answer = await participant.message(handle, { request: 'join', ptype: 'publisher', room: room.room, pin, display });
  return { participant, handle, answer };
}

describe('Janus video gateway — one real Janus', () => {
  let janus: JanusTestServer;
  let gateway: JanusVideoGateway;
  const participants: JanusHttpParticipant[] = [];

  beforeAll(async () => {
    janus = await startJanus();
    gateway = new JanusVideoGateway({ servers: [janus.gatewayConfig('janus-a')] });
  });
  afterEach(async () => {
    await Promise.all(participants.splice(0).map((p) => p.destroy()));
  });
  afterAll(async () => {
    await janus?.dispose();
  });

  it('reports the server healthy', async () => {
    await expect(gateway.health()).resolves.toEqual({ up: true, server: 'janus-a', servers: [{ server: 'janus-a', up: true }] });
  });

  it('creates a private room with a pin and a secret, two publishers, no recording', async () => {
    const room = await gateway.createRoom({ sessionId: 'session-1', description: 'Konsultācija VID' });
    expect(room).toEqual({ server: 'janus-a', room: expect.any(Number), pin: expect.any(String), secret: expect.any(String) });
    expect(Number.isSafeInteger(room.room)).toBe(true);
    expect(room.pin.length).toBeGreaterThanOrEqual(24);
    expect(room.secret.length).toBeGreaterThanOrEqual(24);
    expect(room.pin).not.toBe(room.secret);

    expect(await janusAdminVideoRoom(janus, { request: 'exists', room: room.room })).toMatchObject({ videoroom: 'success', exists: true });
    await expect(gateway.roomExists('janus-a', room.room)).resolves.toBe(true);
    // Private: not in the public list; visible to the holder of the admin_key with our settings.
    const publicList = await janusAdminVideoRoom(janus, { request: 'list' });
    expect(publicList.list.map((r: { room: number }) => r.room)).not.toContain(room.room);
    const adminList = await janusAdminVideoRoom(janus, { request: 'list', admin_key: janus.roomAdminKey });
    expect(adminList.list.find((r: { room: number }) => r.room === room.room)).toMatchObject({
      description: '[session-1] Konsultācija VID',
      is_private: true,
      pin_required: true,
      max_publishers: 2,
      record: false,
      num_participants: 0,
    });
    await gateway.destroyRoom('janus-a', room.room, room.secret);
  });

  it('is configured so that only the admin_key creates rooms', async () => {
    expect(await janusAdminVideoRoom(janus, { request: 'create', room: 4242, is_private: true })).toMatchObject({ error_code: 429 });
    expect(await janusAdminVideoRoom(janus, { request: 'create', room: 4242, admin_key: 'wrong-key' })).toMatchObject({ error_code: 433 });
    // Nor can a participant holding a token.
    const room = await gateway.createRoom({ sessionId: 'session-2', description: 'x' });
    const { token } = await gateway.issueToken('janus-a', room.room, 'booth');
    const participant = new JanusHttpParticipant(janus.httpUrl, token);
    participants.push(participant);
    await participant.createSession();
    const handle = await participant.attach();
    expect(await participant.message(handle, { request: 'create', room: 4243 })).toMatchObject({ error_code: 429 });
    expect(await participant.message(handle, { request: 'destroy', room: room.room, secret: 'guess' })).toMatchObject({ error_code: 433 });
    await gateway.destroyRoom('janus-a', room.room, room.secret);
  });

  it('issues tokens the Janus API accepts and refuses strangers and revoked tokens', async () => {
    const room = await gateway.createRoom({ sessionId: 'session-3', description: 'tokens' });
    const issued = await gateway.issueToken('janus-a', room.room, 'booth');
    expect(issued.janusUrl).toBe(janus.wsUrl);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const other = await gateway.issueToken('janus-a', room.room, 'specialist');
    expect(other.token).not.toBe(issued.token);

    const booth = new JanusHttpParticipant(janus.httpUrl, issued.token);
    participants.push(booth);
    expect(await booth.createSession()).toMatchObject({ janus: 'success', data: { id: expect.any(Number) } });

    const stranger = new JanusHttpParticipant(janus.httpUrl, 'x'.repeat(32));
    expect(await stranger.createSession()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });
    const anonymous = new JanusHttpParticipant(janus.httpUrl, undefined);
    expect(await anonymous.createSession()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });

    // The browser's endpoint is a live Janus WebSocket API.
    await expect(webSocketHandshake(issued.janusUrl)).resolves.toBe(101);

    await gateway.revokeToken('janus-a', issued.token);
    const again = new JanusHttpParticipant(janus.httpUrl, issued.token);
    expect(await again.createSession()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });
    // The session opened before the revocation cannot be used any more either.
    expect(await booth.keepalive()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });
    // Revoking twice is fine; the other participant's token still works.
    await expect(gateway.revokeToken('janus-a', issued.token)).resolves.toBeUndefined();
    const specialist = new JanusHttpParticipant(janus.httpUrl, other.token);
    participants.push(specialist);
    expect(await specialist.createSession()).toMatchObject({ janus: 'success' });

    expect((await rejection(gateway.issueToken('janus-a', 123, 'booth'))).code).toBe('REMOTE.VIDEO_ROOM_NOT_FOUND');
    await gateway.revokeToken('janus-a', other.token);
    await gateway.destroyRoom('janus-a', room.room, room.secret);
  });

  it('lists the participants who joined with their token and the pin', async () => {
    const room = await gateway.createRoom({ sessionId: 'session-4', description: 'participants' });
    await expect(gateway.listParticipants('janus-a', room.room)).resolves.toEqual([]);
    const boothToken = await gateway.issueToken('janus-a', room.room, 'booth');
    const specialistToken = await gateway.issueToken('janus-a', room.room, 'specialist');

    const booth = await joinAsPublisher(janus, boothToken.token, room, 'Kabīne Rīga-1');
    participants.push(booth.participant);
    expect(booth.answer).toMatchObject({ videoroom: 'joined', room: room.room, id: expect.any(Number) });
    const intruder = await joinAsPublisher(janus, specialistToken.token, room, 'Intruder', 'wrong-pin');
    participants.push(intruder.participant);
    expect(intruder.answer).toMatchObject({ error_code: 433, error: 'Unauthorized (wrong pin)' });
    const specialist = await joinAsPublisher(janus, specialistToken.token, room, 'Speciālists');
    participants.push(specialist.participant);
    expect(specialist.answer).toMatchObject({ videoroom: 'joined' });

    const listed = await gateway.listParticipants('janus-a', room.room);
    expect(listed.sort((a, b) => a.display.localeCompare(b.display))).toEqual([
      // publisher: false — they joined as publishers but send no media (Janus reports active publishing).
      { id: booth.answer.id, display: 'Kabīne Rīga-1', publisher: false },
      { id: specialist.answer.id, display: 'Speciālists', publisher: false },
    ]);
    expect(listed.every((p) => Number.isSafeInteger(p.id))).toBe(true);
    await gateway.destroyRoom('janus-a', room.room, room.secret);
  });

  it('destroys the room after the session and drops whoever is still in it', async () => {
    const room = await gateway.createRoom({ sessionId: 'session-5', description: 'destroy' });
    const { token } = await gateway.issueToken('janus-a', room.room, 'booth');
    const booth = await joinAsPublisher(janus, token, room, 'Kabīne');
    participants.push(booth.participant);

    expect((await rejection(gateway.destroyRoom('janus-a', room.room, 'not-the-secret'))).code).toBe('REMOTE.VIDEO_ROOM_SECRET_REJECTED');
    await expect(gateway.roomExists('janus-a', room.room)).resolves.toBe(true);

    await gateway.destroyRoom('janus-a', room.room, room.secret);
    expect(await janusAdminVideoRoom(janus, { request: 'exists', room: room.room })).toMatchObject({ exists: false });
    await expect(gateway.roomExists('janus-a', room.room)).resolves.toBe(false);
    const destroyed = await booth.participant.nextEvent((e) => e.plugindata?.data?.videoroom === 'destroyed');
    expect(destroyed.plugindata.data).toMatchObject({ videoroom: 'destroyed', room: room.room });
    expect((await rejection(gateway.listParticipants('janus-a', room.room))).code).toBe('REMOTE.VIDEO_ROOM_NOT_FOUND');
    await expect(gateway.destroyRoom('janus-a', room.room, room.secret)).resolves.toBeUndefined(); // idempotent
    await gateway.revokeToken('janus-a', token);
  });

  it('rejects a server name that is not configured', async () => {
    expect((await rejection(gateway.roomExists('janus-z', 1))).code).toBe('REMOTE.VIDEO_SERVER_UNKNOWN');
  });
});

describe('Janus video gateway — several servers', () => {
  let a: JanusTestServer;
  let b: JanusTestServer;

  beforeAll(async () => {
    [a, b] = await Promise.all([startJanus(), startJanus()]);
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
  });

  it('spreads rooms over the servers, fewest rooms first, then round robin', async () => {
    const gateway = new JanusVideoGateway({ servers: [a.gatewayConfig('janus-a'), b.gatewayConfig('janus-b')] });
    const rooms: VideoRoomAccess[] = [];
    for (let i = 0; i < 4; i++) rooms.push(await gateway.createRoom({ sessionId: `s${i}`, description: 'spread' }));
    expect(rooms.map((r) => r.server)).toEqual(['janus-a', 'janus-b', 'janus-a', 'janus-b']);
    for (const room of rooms) {
      const where = room.server === 'janus-a' ? a : b;
      expect(await janusAdminVideoRoom(where, { request: 'exists', room: room.room })).toMatchObject({ exists: true });
    }
    // Two rooms on a end: a has the fewest, so the next two both go there.
    await gateway.destroyRoom('janus-a', rooms[0]!.room, rooms[0]!.secret);
    await gateway.destroyRoom('janus-a', rooms[2]!.room, rooms[2]!.secret);
    const next = [await gateway.createRoom({ sessionId: 's4', description: 'spread' }), await gateway.createRoom({ sessionId: 's5', description: 'spread' })];
    expect(next.map((r) => r.server)).toEqual(['janus-a', 'janus-a']);
    for (const room of [...rooms.slice(1, 2), ...rooms.slice(3), ...next]) await gateway.destroyRoom(room.server, room.room, room.secret);

    // Concurrent creations spread as well.
    const concurrent = await Promise.all([0, 1, 2, 3].map((i) => gateway.createRoom({ sessionId: `c${i}`, description: 'concurrent' })));
    expect(concurrent.filter((r) => r.server === 'janus-a')).toHaveLength(2);
    for (const room of concurrent) await gateway.destroyRoom(room.server, room.room, room.secret);
  });

  it('skips a server whose roomAdminKey is wrong', async () => {
    const gateway = new JanusVideoGateway({ servers: [{ ...a.gatewayConfig('janus-a'), roomAdminKey: 'not-the-key' }, b.gatewayConfig('janus-b')] });
    const rooms = [await gateway.createRoom({ sessionId: 'k1', description: 'key' }), await gateway.createRoom({ sessionId: 'k2', description: 'key' })];
    expect(rooms.map((r) => r.server)).toEqual(['janus-b', 'janus-b']);
    for (const room of rooms) await gateway.destroyRoom(room.server, room.room, room.secret);
  });

  it('puts new rooms on the live server when the other one is stopped', async () => {
    const gateway = new JanusVideoGateway({ servers: [a.gatewayConfig('janus-a'), b.gatewayConfig('janus-b')], healthCacheMs: 60_000 });
    const first = await gateway.createRoom({ sessionId: 'f0', description: 'failover' }); // a
    await b.stop();
    // The cached health still says b is up: creating there fails fast and the room goes to a.
    const started = Date.now();
    const rooms = [await gateway.createRoom({ sessionId: 'f1', description: 'failover' }), await gateway.createRoom({ sessionId: 'f2', description: 'failover' })];
    expect(Date.now() - started).toBeLessThan(2000);
    expect([first, ...rooms].map((r) => r.server)).toEqual(['janus-a', 'janus-a', 'janus-a']);
    await expect(gateway.health()).resolves.toEqual({
      up: true,
      server: 'janus-a',
      servers: [
        { server: 'janus-a', up: true },
        { server: 'janus-b', up: false },
      ],
    });
    // A fresh gateway (nothing cached) skips b after its health check.
    const fresh = new JanusVideoGateway({ servers: [b.gatewayConfig('janus-b'), a.gatewayConfig('janus-a')] });
    const placed = await fresh.createRoom({ sessionId: 'f3', description: 'failover' });
    expect(placed.server).toBe('janus-a');
    for (const room of [first, ...rooms, placed]) await gateway.destroyRoom(room.server, room.room, room.secret);

    // Every server down: unavailable, quickly.
    await a.stop();
    const noServer = await rejection(fresh.createRoom({ sessionId: 'f4', description: 'failover' }));
    expect(noServer.code).toBe('REMOTE.VIDEO_GATEWAY_UNAVAILABLE');
    expect((noServer.error as DomainError).kind).toBe('unavailable');
    expect((noServer.error as DomainError).messages.lv).toMatch(/nav pieejams/);
    expect(noServer.ms).toBeLessThan(1500);
  });
});

describe('Janus video gateway — Janus fails mid-session', () => {
  let janus: JanusTestServer;
  let gateway: JanusVideoGateway;

  beforeAll(async () => {
    janus = await startJanus();
    gateway = new JanusVideoGateway({ servers: [janus.gatewayConfig('janus-c')], requestTimeoutMs: 1500, healthTimeoutMs: 500, healthCacheMs: 300 });
  });
  afterAll(async () => {
    await janus?.dispose();
  });

  it('rejects quickly with REMOTE.VIDEO_GATEWAY_UNAVAILABLE while Janus is stopped, and works again after a restart', async () => {
    const room = await gateway.createRoom({ sessionId: 'crash-1', description: 'crash' });
    const { token } = await gateway.issueToken('janus-c', room.room, 'booth');
    const booth = await joinAsPublisher(janus, token, room, 'Kabīne');
    expect(booth.answer).toMatchObject({ videoroom: 'joined' });

    const stopStarted = Date.now();
    await janus.stop();
    const stopMs = Date.now() - stopStarted;

    const callsStarted = Date.now();
    const calls = {
      listParticipants: gateway.listParticipants('janus-c', room.room),
      roomExists: gateway.roomExists('janus-c', room.room),
      issueToken: gateway.issueToken('janus-c', room.room, 'specialist'),
      revokeToken: gateway.revokeToken('janus-c', token),
      destroyRoom: gateway.destroyRoom('janus-c', room.room, room.secret),
      createRoom: gateway.createRoom({ sessionId: 'crash-2', description: 'crash' }),
    };
    for (const [name, call] of Object.entries(calls)) {
      const failed = await rejection(call);
      expect({ name, code: failed.code }).toEqual({ name, code: 'REMOTE.VIDEO_GATEWAY_UNAVAILABLE' });
      expect(Date.now() - callsStarted).toBeLessThan(1000);
    }
    await sleep(350); // past the health cache
    const healthStarted = Date.now();
    await expect(gateway.health()).resolves.toMatchObject({ up: false, server: 'janus-c' });
    expect(Date.now() - healthStarted).toBeLessThan(1000);

    const restartStarted = Date.now();
    await janus.restart();
    const restartMs = Date.now() - restartStarted;
    await sleep(350);
    await expect(gateway.health()).resolves.toMatchObject({ up: true, server: 'janus-c' });
    // Janus keeps rooms and tokens in memory only: both are gone after the restart.
    await expect(gateway.roomExists('janus-c', room.room)).resolves.toBe(false);
    expect(await new JanusHttpParticipant(janus.httpUrl, token).createSession()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });
    const again = await gateway.createRoom({ sessionId: 'crash-3', description: 'after restart' });
    const issued = await gateway.issueToken('janus-c', again.room, 'booth');
    const rejoined = await joinAsPublisher(janus, issued.token, again, 'Kabīne');
    expect(rejoined.answer).toMatchObject({ videoroom: 'joined' });
    await expect(gateway.listParticipants('janus-c', again.room)).resolves.toHaveLength(1);
    await rejoined.participant.destroy();
    await gateway.destroyRoom('janus-c', again.room, again.secret);
    await gateway.revokeToken('janus-c', issued.token);
    console.log(`Janus stop (SIGTERM, one session open) ${stopMs} ms, restart until ready ${restartMs} ms`);
  });

  it('does not hang on a frozen Janus: calls time out, health reports it down, and it recovers', async () => {
    const room = await gateway.createRoom({ sessionId: 'freeze-1', description: 'freeze' });
    await janus.freeze();
    try {
      const failed = await rejection(gateway.roomExists('janus-c', room.room));
      expect(failed.code).toBe('REMOTE.VIDEO_GATEWAY_UNAVAILABLE');
      expect(failed.ms).toBeGreaterThanOrEqual(1400);
      expect(failed.ms).toBeLessThan(2500);
      await sleep(350);
      const healthStarted = Date.now();
      await expect(gateway.health()).resolves.toMatchObject({ up: false });
      expect(Date.now() - healthStarted).toBeLessThan(1000);
    } finally {
      janus.thaw();
    }
    await expect(gateway.roomExists('janus-c', room.room)).resolves.toBe(true);
    await sleep(350);
    await expect(gateway.health()).resolves.toMatchObject({ up: true });
    await gateway.destroyRoom('janus-c', room.room, room.secret);
  });
});

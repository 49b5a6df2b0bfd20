import { io, type Socket } from 'socket.io-client';
import type { CentreQueueSnapshot, QueueChange } from '@modules/scheduling';
import { MetricsService } from '@infrastructure/observability/metrics.service';
import { startTestApp, type TestApp } from '../support/test-app';

const connect = (baseUrl: string, ns: string, token: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = io(baseUrl + ns, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });

const ack = <T>(socket: Socket, event: string, payload: unknown): Promise<T> => new Promise((resolve) => socket.emit(event, payload, (reply: T) => resolve(reply)));

const until = async (check: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for realtime events');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/**
 * The client's side of "no missed updates": apply changes in seq order; on a gap (or after a
 * reconnect) fetch a snapshot and continue from its seq. The consoles do the same.
 */
class QueueFeed {
  seq = 0;
  tickets = new Map<string, { number: string; status: string }>();
  snapshots = 0;
  constructor(
    private readonly socket: Socket,
    private readonly centreId: string,
  ) {
    socket.on('queue:changes', (changes: QueueChange[]) => {
      for (const change of changes) void this.apply(change);
    });
  }
  async join(): Promise<void> {
    this.load(await ack<CentreQueueSnapshot>(this.socket, 'queue:join', { centreId: this.centreId }));
  }
  private load(s: CentreQueueSnapshot): void {
    this.snapshots++;
    this.seq = s.seq;
    this.tickets = new Map(s.tickets.map((t) => [t.id, { number: t.number, status: t.status }]));
  }
  private async apply(change: QueueChange): Promise<void> {
    if (change.seq <= this.seq) return; // already in the snapshot
    if (change.seq !== this.seq + 1) {
      this.load(await ack<CentreQueueSnapshot>(this.socket, 'queue:sync', { centreId: this.centreId }));
      return;
    }
    this.seq = change.seq;
    if (change.ticket) this.tickets.set(change.ticket.id, { number: change.ticket.number, status: change.ticket.status });
  }
}

describe('queue realtime (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let centreId: string;
  let clerk: string;
  let queueId: string;
  let deskId: string;
  const sockets: Socket[] = [];
  const open = async (app: TestApp, ns: string, token: string): Promise<Socket> => {
    const s = await connect(app.baseUrl, ns, token);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({}, { databaseUrl: a.databaseUrl }); // a second instance on the same database
    centreId = (await a.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    clerk = await a.token('clerk.cesis');
    const state = await a.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk });
    queueId = state.body.queues[0].id;
    deskId = state.body.desks[0].id;
    await a.request('POST', `/api/v1/queue/desks/${deskId}/open`, { token: clerk, body: {} });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await b.close();
    await a.close();
  });

  const lockedCount = async (app: TestApp): Promise<number> => {
    const metric = await app.app.get(MetricsService).registry.getSingleMetric('queue_commands_locked_total')!.get();
    return metric.values[0]?.value ?? 0;
  };
  const issue = (app: TestApp) => app.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerk, body: { queueId } });

  it('refuses consoles without a valid token and clerks of other centres', async () => {
    await expect(connect(a.baseUrl, '/queue', 'garbage')).rejects.toThrow('AUTH.INVALID_TOKEN');
    const other = await open(a, '/queue', await a.token('clerk.grobina'));
    expect(await ack(other, 'queue:join', { centreId })).toEqual({ error: 'QUEUE.CENTRE_ACCESS_DENIED' });
    let leaked = 0;
    other.on('queue:changes', () => leaked++);
    await issue(a);
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toBe(0);
    await expect(connect(a.baseUrl, '/display', clerk)).rejects.toThrow('AUTH.INVALID_TOKEN');
  });

  it('delivers every change in sequence, to a console on the other instance too', async () => {
    const onB = new QueueFeed(await open(b, '/queue', clerk), centreId);
    await onB.join();
    const start = onB.seq;
    const issued = [];
    for (let i = 0; i < 5; i++) issued.push((await issue(a)).body.ticket);
    await until(() => onB.seq >= start + 5);
    expect(onB.snapshots).toBe(1); // no gap, no resync
    for (const t of issued) expect(onB.tickets.get(t.id)?.status).toBe('waiting');
  });

  it('recovers from a dropped connection with a snapshot and continues', async () => {
    const socket = await open(a, '/queue', clerk);
    const feed = new QueueFeed(socket, centreId);
    await feed.join();
    socket.disconnect(); // the network blinks
    const missed = (await issue(b)).body.ticket;
    await a.request('POST', `/api/v1/queue/desks/${deskId}/call-next`, { token: clerk });
    socket.connect();
    await until(() => socket.connected);
    await feed.join(); // what the console does on 'connect'
    expect(feed.tickets.get(missed.id)).toBeDefined();
    const after = (await issue(a)).body.ticket;
    await until(() => feed.tickets.has(after.id));
    expect(feed.snapshots).toBe(2);
  });

  it('detects a gap mid-stream and resynchronises', async () => {
    const socket = await open(a, '/queue', clerk);
    const feed = new QueueFeed(socket, centreId);
    await feed.join();
    feed.seq -= 2; // as if two changes were lost on the way
    const next = (await issue(b)).body.ticket;
    await until(() => feed.snapshots === 2 && feed.tickets.has(next.id));
    const [{ seq }] = await a.sql<{ seq: string }>('select seq from scheduling.centre_queue_settings where centre_id = $1', [centreId]);
    expect(feed.seq).toBe(Number(seq));
  });

  it('shows calls on the display board with a chime, and updates the public tracker', async () => {
    const device = await a.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk, body: { kind: 'display', name: 'Zāle' } });
    const board = await open(b, '/display', device.body.token);
    const states: Array<{ waiting: unknown[] }> = [];
    const calls: Array<{ number: string; deskNumber: string; chime: boolean; seq: number }> = [];
    board.on('display:state', (s: { waiting: unknown[] }) => states.push(s));
    board.on('display:called', (c: { number: string; deskNumber: string; chime: boolean; seq: number }) => calls.push(c));
    await until(() => states.length > 0);
    // A display can only listen: commands on its socket go nowhere.
    board.emit('queue:join', { centreId });

    // Clear the line, then one ticket the tracker follows.
    const clerkDesk = (await a.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk })).body.desks.find((d: { id: string }) => d.id === deskId);
    if (clerkDesk.currentTicketId) await a.request('POST', `/api/v1/queue/tickets/${clerkDesk.currentTicketId}/finish`, { token: clerk, body: { outcome: 'left_before_service' } });
    let next = await a.request('POST', `/api/v1/queue/desks/${deskId}/call-next`, { token: clerk });
    while (next.status === 200) {
      await a.request('POST', `/api/v1/queue/tickets/${next.body.id}/finish`, { token: clerk, body: { outcome: 'left_before_service' } });
      next = await a.request('POST', `/api/v1/queue/desks/${deskId}/call-next`, { token: clerk });
    }
    const mine = (await issue(a)).body;
    // The board's waiting counts per queue follow (its state is refreshed after changes, debounced).
    const queuesNow = (await a.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk })).body.queues as Array<{ id: string; prefix: string; waiting: number }>;
    const mineQueue = queuesNow.find((q) => q.id === queueId)!;
    expect(mineQueue.waiting).toBeGreaterThanOrEqual(1);
    const countOf = (s: { waiting: unknown[] }, prefix: string) => (s.waiting as Array<{ prefix: string; count: number }>).find((w) => w.prefix === prefix)?.count;
    await until(() => states.length > 0 && countOf(states.at(-1)!, mineQueue.prefix) === mineQueue.waiting);
    for (const q of queuesNow) expect(countOf(states.at(-1)!, q.prefix)).toBe(q.waiting);
    const tracker = await open(b, '/track', mine.trackingToken);
    const updates: Array<{ seq: number; status: string; deskNumber: string | null }> = [];
    tracker.on('track:update', (u: { seq: number; status: string; deskNumber: string | null }) => updates.push(u));
    const before = (await b.request('GET', `/api/v1/queue/track/${mine.trackingToken}`)).body as { seq: number; status: string };
    expect(before.status).toBe('waiting');
    const called = await a.request('POST', `/api/v1/queue/desks/${deskId}/call-next`, { token: clerk });
    expect(called.body.id).toBe(mine.ticket.id);
    await until(() => calls.some((c) => c.number === mine.ticket.number) && updates.some((u) => u.status === 'called'));
    const call = calls.find((c) => c.number === mine.ticket.number)!;
    expect(call).toMatchObject({ chime: true, deskNumber: '1' });
    const update = updates.find((u) => u.status === 'called')!;
    expect(update.deskNumber).toBe('1');
    // Tracker views carry the centre's seq: the pushed update is newer than the GET before it, and
    // is the seq of the call the board announced.
    expect(update.seq).toBeGreaterThan(before.seq);
    expect(update.seq).toBe(call.seq);
  });

  it('refreshes a board only when what it shows changed (starting and finishing a service change nothing there)', async () => {
    const device = await a.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk, body: { kind: 'display', name: 'Zāle 2' } });
    const board = await open(b, '/display', device.body.token);
    type Shown = { seq: number; waiting: Array<{ prefix: string; count: number }>; lastCalled: Array<{ number: string }> };
    const states: Shown[] = [];
    board.on('display:state', (s: Shown) => states.push(s));
    await until(() => states.length > 0);
    const desk = (await a.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk })).body.desks.find((d: { id: string }) => d.id === deskId);
    if (desk.currentTicketId) await a.request('POST', `/api/v1/queue/tickets/${desk.currentTicketId}/finish`, { token: clerk, body: { outcome: 'left_before_service' } });
    const first = (await issue(a)).body.ticket as { id: string; number: string };
    let called = await a.request('POST', `/api/v1/queue/desks/${deskId}/call-next`, { token: clerk });
    while (called.status === 200 && called.body.id !== first.id) {
      await a.request('POST', `/api/v1/queue/tickets/${called.body.id}/finish`, { token: clerk, body: { outcome: 'left_before_service' } });
      called = await a.request('POST', `/api/v1/queue/desks/${deskId}/call-next`, { token: clerk });
    }
    expect(called.body.id).toBe(first.id);
    await until(() => states.at(-1)!.lastCalled[0]?.number === first.number);
    const afterCall = states.length;
    expect((await a.request('POST', `/api/v1/queue/tickets/${first.id}/start`, { token: clerk })).status).toBe(200);
    const finished = await a.request('POST', `/api/v1/queue/tickets/${first.id}/finish`, { token: clerk, body: { outcome: 'served' } });
    expect(finished.status).toBe(200);
    // Longer than the boards' debounce (200 ms) and the trip between instances.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(states.length).toBe(afterCall);
    // A new ticket changes the waiting count: exactly one refresh, with the new count.
    const countBefore = states.at(-1)!.waiting.reduce((n, w) => n + w.count, 0);
    await issue(a);
    await until(() => states.length > afterCall);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(states.length).toBe(afterCall + 1);
    expect(states.at(-1)!.waiting.reduce((n, w) => n + w.count, 0)).toBe(countBefore + 1);
  });

  it('gives a counter display its own desk only: the ticket called there with a chime, its service, free again — across instances', async () => {
    type Counter = { deskId: string; deskNumber: string; deskState: string; seq: number; chime: boolean; ticket: { number: string; status: string } | null };
    const desks = (await a.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk })).body.desks as Array<{ id: string; number: string; currentTicketId: string | null }>;
    const other = desks.find((d) => d.id !== deskId)!;
    const register = (body: Record<string, unknown>) => a.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk, body: { kind: 'display', name: 'Galda ekrāns', ...body } });
    const unknown = await register({ deskId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'QUEUE.DESK_UNKNOWN', errors: [{ field: 'deskId' }] });
    expect((await register({ kind: 'kiosk', deskId })).body.code).toBe('QUEUE.DEVICE_DESK_NOT_ALLOWED');
    const mine = await register({ deskId });
    expect(mine.status).toBe(201);
    expect(mine.body.deskId).toBe(deskId);
    const theirs = await register({ deskId: other.id });

    const boardEvents: string[] = [];
    // Listening before the handshake: the first state comes right after it.
    const display = (token: string, into: Counter[]): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = io(b.baseUrl + '/display', { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
        sockets.push(socket);
        socket.on('counter:state', (c: Counter) => into.push(c));
        for (const e of ['display:state', 'display:called']) socket.on(e, () => boardEvents.push(e));
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    const seen: Counter[] = [];
    const seenNext: Counter[] = [];
    const counter = await display(mine.body.token, seen);
    await display(theirs.body.token, seenNext);
    await until(() => seen.length > 0 && seenNext.length > 0);
    expect(seen[0]).toMatchObject({ deskId, deskNumber: '1', chime: false });
    expect(seenNext[0]).toMatchObject({ deskId: other.id, deskNumber: other.number });

    // Clear desk 1, then a ticket is called there (through instance A; the counters are on B).
    const current = desks.find((d) => d.id === deskId)!.currentTicketId;
    if (current) await a.request('POST', `/api/v1/queue/tickets/${current}/finish`, { token: clerk, body: { outcome: 'left_before_service' } });
    await a.request('PUT', `/api/v1/queue/centres/${centreId}/settings`, { token: clerk, body: { recallDelaySeconds: 0 } });
    const ticket = (await issue(a)).body.ticket as { id: string; number: string };
    let called = await a.request('POST', `/api/v1/queue/desks/${deskId}/call`, { token: clerk, body: { ticketId: ticket.id } });
    expect(called.status).toBe(200);
    await until(() => seen.some((c) => c.ticket?.number === ticket.number));
    expect(seen.find((c) => c.ticket?.number === ticket.number)).toMatchObject({ chime: true, ticket: { status: 'called' }, deskState: 'open' });
    seen.length = 0;
    called = await a.request('POST', `/api/v1/queue/tickets/${ticket.id}/recall`, { token: clerk });
    expect(called.status).toBe(200);
    await until(() => seen.some((c) => c.chime));
    await a.request('POST', `/api/v1/queue/tickets/${ticket.id}/start`, { token: clerk });
    await until(() => seen.some((c) => c.ticket?.status === 'serving'));
    expect(seen.find((c) => c.ticket?.status === 'serving')!.chime).toBe(false);
    await a.request('POST', `/api/v1/queue/tickets/${ticket.id}/finish`, { token: clerk, body: { outcome: 'served' } });
    await until(() => seen.at(-1)!.ticket === null);
    // Newer states carry higher seqs; a sync answers the counter's state, not a board's.
    const seqs = seen.map((c) => c.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    const synced = await ack<Counter>(counter, 'display:sync', {});
    expect(synced).toMatchObject({ deskId, ticket: null });
    expect(synced.seq).toBeGreaterThanOrEqual(seqs.at(-1)!);

    // The other desk's counter heard nothing of it; counters get no board events.
    expect(seenNext.some((c) => c.ticket?.number === ticket.number)).toBe(false);
    expect(boardEvents).toEqual([]);
  });

  it('lists a centre\'s devices without tokens and revokes one: a display\'s connections close on every instance, a kiosk stops issuing', async () => {
    const register = (kind: 'display' | 'kiosk', name: string) => a.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk, body: { kind, name } });
    const board = (await register('display', 'Zāle pie ieejas')).body as { id: string; token: string };
    const kiosk = (await register('kiosk', 'Kiosks 2')).body as { id: string; token: string };
    const list = await a.request('GET', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk });
    expect(list.status).toBe(200);
    expect(list.body).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: board.id, kind: 'display', name: 'Zāle pie ieejas', deskId: null, revokedAt: null }),
      expect.objectContaining({ id: kiosk.id, kind: 'kiosk', name: 'Kiosks 2', revokedAt: null }),
    ]));
    expect(JSON.stringify(list.body)).not.toContain(board.token);
    expect(JSON.stringify(list.body)).not.toContain(kiosk.token);
    // Only who may set up the centre: not a clerk of another centre, not a display or kiosk token.
    const otherClerk = await a.token('clerk.grobina');
    expect((await a.request('GET', `/api/v1/queue/centres/${centreId}/devices`, { token: otherClerk })).status).toBe(403);
    expect((await a.request('DELETE', `/api/v1/queue/centres/${centreId}/devices/${board.id}`, { token: otherClerk })).status).toBe(403);
    expect((await a.request('GET', `/api/v1/queue/centres/${centreId}/devices`, { token: board.token })).status).toBe(401);

    // The display is connected to instance B; it is revoked through instance A.
    const onB = await open(b, '/display', board.token);
    const closed = new Promise<string>((resolve) => onB.once('disconnect', (reason) => resolve(reason)));
    const kioskIssue = () => fetch(`${a.baseUrl}/api/v1/queue/centres/${centreId}/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-token': kiosk.token }, body: JSON.stringify({ queueId }) });
    expect((await kioskIssue()).status).toBe(201);
    expect((await a.request('DELETE', `/api/v1/queue/centres/${centreId}/devices/${board.id}`, { token: clerk })).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    await expect(connect(b.baseUrl, '/display', board.token)).rejects.toThrow('AUTH.INVALID_TOKEN');
    expect((await a.request('DELETE', `/api/v1/queue/centres/${centreId}/devices/${kiosk.id}`, { token: clerk })).status).toBe(204);
    expect((await kioskIssue()).status).toBe(401);
    // Again: nothing changes; unknown or another centre's: 404.
    expect((await a.request('DELETE', `/api/v1/queue/centres/${centreId}/devices/${kiosk.id}`, { token: clerk })).status).toBe(204);
    const unknown = await a.request('DELETE', `/api/v1/queue/centres/${centreId}/devices/00000000-0000-4000-8000-000000000000`, { token: clerk });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('QUEUE.DEVICE_NOT_FOUND');
    const after = (await a.request('GET', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk })).body as Array<{ id: string; revokedAt: string | null }>;
    expect(after.find((d) => d.id === board.id)!.revokedAt).not.toBeNull();
    expect(after.find((d) => d.id === kiosk.id)!.revokedAt).not.toBeNull();
    const audit = await a.sql<{ action: string; resource_id: string }>("select action, resource_id from platform.audit_log where action like 'scheduling.device.%' and resource_id = any($1) order by seq", [[board.id, kiosk.id]]);
    expect(audit.map((r) => `${r.action} ${r.resource_id}`)).toEqual([
      `scheduling.device.register ${board.id}`,
      `scheduling.device.register ${kiosk.id}`,
      `scheduling.device.revoke ${board.id}`,
      `scheduling.device.revoke ${kiosk.id}`,
    ]);
  });

  it('never gives one ticket to two desks, and numbers stay gapless under concurrency', async () => {
    const admin = await a.token('admin');
    // Four more desks, each with its own clerk of this centre.
    const clerks = await Promise.all([1, 2, 3, 4].map((i) => a.tokenFor(`test:clerk-${i}`, { roles: ['clerk'], centre_ids: [centreId] })));
    const desks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const desk = await a.request('POST', `/api/v1/queue/centres/${centreId}/desks`, { token: admin, body: { number: `9${i}` } });
      desks.push(desk.body.id);
      await (i % 2 ? b : a).request('POST', `/api/v1/queue/desks/${desk.body.id}/open`, { token: clerks[i]!, body: {} });
    }
    // 40 tickets at once, through both instances.
    const issued = await Promise.all(Array.from({ length: 40 }, (_, i) => issue(i % 2 ? b : a)));
    expect(issued.every((r) => r.status === 201)).toBe(true);
    const day = issued[0]!.body.ticket.number.slice(0, 1);
    const seqs = (await a.sql<{ seq: number }>('select seq from scheduling.ticket where centre_id = $1 and prefix = $2 and service_day = (select max(service_day) from scheduling.ticket where centre_id = $1) order by seq', [centreId, day])).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1)); // gapless from 1
    // All four desks call and finish as fast as they can, in parallel, on both instances.
    const calledBy = new Map<string, string[]>();
    await Promise.all(
      desks.map(async (desk, i) => {
        const app = i % 2 ? b : a;
        for (;;) {
          const res = await app.request('POST', `/api/v1/queue/desks/${desk}/call-next`, { token: clerks[i]! });
          if (res.status === 409 && res.body.code === 'QUEUE.NOBODY_WAITING') return;
          expect(res.status).toBe(200);
          calledBy.set(res.body.id, [...(calledBy.get(res.body.id) ?? []), desk]);
          await app.request('POST', `/api/v1/queue/tickets/${res.body.id}/finish`, { token: clerks[i]!, body: { outcome: 'left_before_service' } });
        }
      }),
    );
    for (const r of issued) expect(calledBy.get(r.body.ticket.id)).toHaveLength(1);
    const [{ n }] = await a.sql<{ n: string }>("select count(*) as n from scheduling.ticket where centre_id = $1 and status = 'waiting'", [centreId]);
    expect(Number(n)).toBe(0);
  });

  it('answers every command when clerks of one centre on both instances keep committing at once (no starvation, no 503)', async () => {
    // Optimistic commits alone could lose the race to the other instance again and again (16 of
    // ~700 such commands answered 503 QUEUE.BUSY after 30 attempts); after a few stale attempts a
    // command runs under the centre's row lock.
    const admin = await a.token('admin');
    const lockedBefore = (await lockedCount(a)) + (await lockedCount(b));
    const errors: unknown[] = [];
    const calledBy = new Map<string, number>();
    for (let round = 0; round < 3; round++) {
      const clerks = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => a.tokenFor(`test:race-${round}-${i}`, { roles: ['clerk'], centre_ids: [centreId] })));
      const desks: string[] = [];
      for (let i = 0; i < 6; i++) {
        const desk = await a.request('POST', `/api/v1/queue/centres/${centreId}/desks`, { token: admin, body: { number: `R${round}${i}` } });
        desks.push(desk.body.id);
        expect((await (i % 2 ? b : a).request('POST', `/api/v1/queue/desks/${desk.body.id}/open`, { token: clerks[i]!, body: {} })).status).toBe(200);
      }
      const issued = await Promise.all(Array.from({ length: 60 }, (_, i) => issue(i % 2 ? b : a)));
      expect(issued.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
      await Promise.all(
        desks.map(async (desk, i) => {
          const app = i % 2 ? b : a;
          for (;;) {
            const res = await app.request('POST', `/api/v1/queue/desks/${desk}/call-next`, { token: clerks[i]! });
            if (res.status === 409 && res.body.code === 'QUEUE.NOBODY_WAITING') break;
            if (res.status !== 200) {
              errors.push({ command: 'call-next', status: res.status, code: res.body.code });
              continue;
            }
            calledBy.set(res.body.id, (calledBy.get(res.body.id) ?? 0) + 1);
            const finished = await app.request('POST', `/api/v1/queue/tickets/${res.body.id}/finish`, { token: clerks[i]!, body: { outcome: 'left_before_service' } });
            if (finished.status !== 200) errors.push({ command: 'finish', status: finished.status, code: finished.body.code });
          }
          expect((await app.request('POST', `/api/v1/queue/desks/${desk}/state`, { token: clerks[i]!, body: { state: 'closed' } })).status).toBe(200);
        }),
      );
      for (const r of issued) expect(calledBy.get(r.body.ticket.id)).toBe(1);
    }
    expect(errors).toEqual([]);
    // The locked path did run (the race is real at this pace), and nothing was left waiting.
    expect((await lockedCount(a)) + (await lockedCount(b))).toBeGreaterThan(lockedBefore);
    const [{ n }] = await a.sql<{ n: string }>("select count(*) as n from scheduling.ticket where centre_id = $1 and status = 'waiting'", [centreId]);
    expect(Number(n)).toBe(0);
  });
});

import type { Socket } from 'socket.io-client';
import { FieldEncryption } from '@infrastructure/crypto/field-encryption';
import type { CentreQueueSnapshot, QueueChange } from '@modules/scheduling';
import { connectSocket, nextEvent } from '../support/socket-events';
import { startTestApp, type TestApp } from '../support/test-app';

const ack = <T>(socket: Socket, event: string, payload: unknown): Promise<T> => new Promise((resolve) => socket.emit(event, payload, (reply: T) => resolve(reply)));

/**
 * Visit notes (issue #7, the clerk console's current visit panel): written by the centre's
 * clerks, read back in their state and live on their consoles; never on boards, trackers, kiosk
 * answers, integration events or command receipts.
 */
describe('queue visit notes (e2e)', () => {
  let t: TestApp;
  let centreId: string;
  let clerk: string;
  let clerk2: string;
  let queueId: string;
  let deskId: string;
  let desk2Id: string;
  const sockets: Socket[] = [];
  const open = async (ns: string, token: string): Promise<Socket> => {
    const socket = await connectSocket(t.baseUrl, ns, token);
    sockets.push(socket);
    return socket;
  };
  /** Everything the display board and the tracker sockets received, to search for notes. */
  const publicTraffic: unknown[] = [];
  const oversightChanges: QueueChange[] = [];
  let colleague: Socket;
  let trackingToken: string;
  let kioskToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    clerk = await t.token('clerk.cesis');
    clerk2 = await t.token('clerk.cesis2');
    const state = await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk });
    queueId = state.body.queues[0].id;
    deskId = state.body.desks[0].id;
    desk2Id = state.body.desks[1].id;
    await t.request('POST', `/api/v1/queue/desks/${deskId}/open`, { token: clerk, body: {} });
    await t.request('POST', `/api/v1/queue/desks/${desk2Id}/open`, { token: clerk2, body: {} });

    const display = await t.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk, body: { kind: 'display', name: 'Zāle' } });
    const kiosk = await t.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk, body: { kind: 'kiosk', name: 'Ieeja' } });
    kioskToken = kiosk.body.token;
    const board = await open('/display', display.body.token);
    board.onAny((_event: string, payload: unknown) => publicTraffic.push(payload));

    colleague = await open('/queue', clerk2);
    expect('error' in (await ack<CentreQueueSnapshot | { error: string }>(colleague, 'queue:join', { centreId }))).toBe(false);
    const oversight = await open('/queue', await t.token('admin'));
    expect('error' in (await ack<CentreQueueSnapshot | { error: string }>(oversight, 'queue:join', { centreId }))).toBe(false);
    oversight.on('queue:changes', (changes: QueueChange[]) => oversightChanges.push(...changes));
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  const put = (ticketId: string, body: unknown, token = clerk, headers: Record<string, string> = {}) =>
    t.request('PUT', `/api/v1/queue/tickets/${ticketId}/notes`, { token, body, headers });
  const act = (path: string, body?: unknown, token = clerk) => t.request('POST', `/api/v1/queue/${path}`, { token, body });
  /** The notes column: sealed at rest (never the text), opened here with the notes' own key. */
  const storedNotes = async (id: string): Promise<string | null> => {
    const [row] = await t.sql<{ notes: string | null }>('select notes from scheduling.ticket where id = $1', [id]);
    if (row!.notes === null) return null;
    expect(row!.notes).toMatch(/^v1\./);
    return new FieldEncryption(t.config.personalDataKey, 'vpvkac-is/queue-visit-notes').decrypt(row!.notes);
  };
  const stateOf = async (token: string) => (await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token })).body as CentreQueueSnapshot;

  let ticketId: string;
  const NOTE = 'Jānis Ozols wants a new ID card; brought the old passport (NOTE-7f3a).';

  it('a clerk writes notes on the visit at the desk; a colleague’s console gets them live and the state returns them', async () => {
    const kioskIssue = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { headers: { 'x-device-token': kioskToken }, body: { queueId } });
    expect(kioskIssue.status).toBe(201);
    expect(kioskIssue.body.ticket).not.toHaveProperty('notes'); // kiosk answers never carry notes
    trackingToken = kioskIssue.body.trackingToken;
    const tracker = await open('/track', trackingToken);
    tracker.onAny((_event: string, payload: unknown) => publicTraffic.push(payload));

    // Clear anyone ahead so the kiosk ticket is the one called.
    let called = await act(`desks/${deskId}/call-next`);
    while (called.status === 200 && called.body.id !== kioskIssue.body.ticket.id) {
      await act(`tickets/${called.body.id}/finish`, { outcome: 'left_before_service' });
      called = await act(`desks/${deskId}/call-next`);
    }
    ticketId = called.body.id;
    expect(ticketId).toBe(kioskIssue.body.ticket.id);
    expect(called.body.notes).toBeNull();
    await act(`tickets/${ticketId}/start`);

    const withNote = (c: QueueChange): boolean => c.ticket?.id === ticketId && c.ticket.notes === NOTE;
    const live = nextEvent<QueueChange[]>(colleague, 'queue:changes', (changes) => changes.some(withNote)).then((changes) => changes.find(withNote)!);
    const saved = await put(ticketId, { notes: `  ${NOTE}\n` }, clerk, { 'Idempotency-Key': 'notes-e2e-0001' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: ticketId, status: 'serving', notes: NOTE });
    expect(Date.parse(saved.body.notesUpdatedAt)).toBeGreaterThan(Date.now() - 60_000);
    const change = await live;
    expect(change.type).toBe('ticket.updated');
    expect(change.ticket!.version).toBe(saved.body.version);

    const mine = (await stateOf(clerk2)).tickets.find((x) => x.id === ticketId)!;
    expect(mine.notes).toBe(NOTE);
    expect(await storedNotes(ticketId)).toBe(NOTE);
    const [{ n }] = await t.sql<{ n: string }>("select count(*) as n from scheduling.ticket where notes like '%NOTE-7f3a%'");
    expect(Number(n)).toBe(0); // sealed at rest
  });

  it('is idempotent with the request id: a retry answers without the notes and changes nothing; receipts never hold notes', async () => {
    const before = (await stateOf(clerk)).tickets.find((x) => x.id === ticketId)!;
    const retry = await put(ticketId, { notes: 'something else entirely' }, clerk, { 'Idempotency-Key': 'notes-e2e-0001' });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(ticketId);
    expect(retry.body).not.toHaveProperty('notes');
    const after = (await stateOf(clerk)).tickets.find((x) => x.id === ticketId)!;
    expect(after.notes).toBe(NOTE);
    expect(after.version).toBe(before.version);
    // The same text again without a key is a no-op too.
    const same = await put(ticketId, { notes: NOTE });
    expect(same.body.version).toBe(before.version);
    const [{ n }] = await t.sql<{ n: string }>("select count(*) as n from scheduling.command_receipt where response::text like '%NOTE-7f3a%'");
    expect(Number(n)).toBe(0);
  });

  it('keeps them away from administrators’ oversight, display boards, trackers, kiosks and integration events', async () => {
    const admin = await stateOf(await t.token('admin'));
    const seen = admin.tickets.find((x) => x.id === ticketId)!;
    expect(seen).toBeDefined();
    expect(seen).not.toHaveProperty('notes');
    expect(JSON.stringify(admin)).not.toContain('NOTE-7f3a');
    expect(JSON.stringify(await stateOf(await t.token('auditor')))).not.toContain('NOTE-7f3a');

    // The oversight socket saw the change, without the notes.
    expect(oversightChanges.some((c) => c.ticket?.id === ticketId)).toBe(true);
    expect(JSON.stringify(oversightChanges)).not.toContain('NOTE-7f3a');

    const track = await t.request('GET', `/api/v1/queue/track/${trackingToken}`);
    expect(track.status).toBe(200);
    expect(track.body).not.toHaveProperty('notes');
    expect(JSON.stringify(track.body)).not.toContain('NOTE-7f3a');
    expect(publicTraffic.length).toBeGreaterThan(0); // the board and tracker did receive updates…
    expect(JSON.stringify(publicTraffic)).not.toContain('NOTE-7f3a'); // …never the notes

    await t.drainEvents();
    const [{ n }] = await t.sql<{ n: string }>("select count(*) as n from platform.outbox where payload::text like '%NOTE-7f3a%'");
    expect(Number(n)).toBe(0);
  });

  it('survive park, resume at another desk and transfer', async () => {
    const parked = await act(`tickets/${ticketId}/park`, { reason: 'fetching a photo' });
    expect(parked.body).toMatchObject({ status: 'parked', notes: NOTE });
    const resumed = await act(`tickets/${ticketId}/resume`, { deskId: desk2Id }, clerk2);
    expect(resumed.body).toMatchObject({ status: 'serving', notes: NOTE });
    // The colleague now at the desk adds to them.
    const more = `${NOTE}\nPhoto OK.`;
    expect((await put(ticketId, { notes: more }, clerk2)).body.notes).toBe(more);
    const moved = await act(`tickets/${ticketId}/transfer`, { toQueueId: queueId, placement: 'first' }, clerk2);
    expect(moved.body).toMatchObject({ status: 'waiting', notes: more });
    const waiting = (await stateOf(clerk)).tickets.find((x) => x.id === ticketId)!;
    expect(waiting.notes).toBe(more);
    // A waiting ticket's notes can be written too (e.g. at reception).
    expect((await put(ticketId, { notes: `${more} Waiting.` })).status).toBe(200);
  });

  it('refuses clerks of another centre, other roles and unknown tickets, changing nothing', async () => {
    const grobina = await put(ticketId, { notes: 'from Grobiņa' }, await t.token('clerk.grobina'));
    expect(grobina.status).toBe(403);
    expect(grobina.body.code).toBe('QUEUE.CENTRE_ACCESS_DENIED');
    expect((await put(ticketId, { notes: 'x' }, await t.token('specialist.vsaa'))).status).toBe(403);
    expect((await put(ticketId, { notes: 'x' }, await t.token('admin'))).status).toBe(403);
    expect((await t.request('PUT', `/api/v1/queue/tickets/${ticketId}/notes`, { body: { notes: 'x' } })).status).toBe(401);
    const unknown = await put('00000000-0000-4000-8000-000000000000', { notes: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('QUEUE.TICKET_NOT_FOUND');
    const stored = await storedNotes(ticketId);
    expect(stored).toContain('Waiting.');
    expect(stored).not.toContain('Grobiņa');
  });

  it('rejects text over 2,000 characters (or not text) with a field error, in problem+json', async () => {
    const tooLong = await put(ticketId, { notes: 'ā'.repeat(2001) }, clerk, { 'accept-language': 'en' });
    expect(tooLong.status).toBe(422);
    expect(tooLong.headers.get('content-type')).toContain('application/problem+json');
    expect(tooLong.body.code).toBe('REQUEST.INVALID');
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'notes', code: 'maxLength' })]);
    expect(tooLong.text).not.toContain('āāāā'); // the text is not echoed
    expect((await put(ticketId, { notes: 42 })).status).toBe(422);
    expect((await put(ticketId, {})).status).toBe(422);
    expect((await put(ticketId, { notes: 'ok', extra: 1 })).status).toBe(422);
    // Exactly 2,000 characters after trimming is fine.
    const max = await put(ticketId, { notes: `  ${'ā'.repeat(2000)}  ` });
    expect(max.status).toBe(200);
    expect(max.body.notes).toHaveLength(2000);
  });

  it('refuses notes once the visit has ended (409), keeping what was written', async () => {
    await put(ticketId, { notes: NOTE });
    const called = await act(`desks/${deskId}/call`, { ticketId });
    expect(called.status).toBe(200);
    await act(`tickets/${ticketId}/start`);
    expect((await act(`tickets/${ticketId}/finish`, { outcome: 'served' })).body.status).toBe('finished');
    const late = await put(ticketId, { notes: 'after the end' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('QUEUE.TICKET_CLOSED');
    expect(await storedNotes(ticketId)).toBe(NOTE);
    // The visit's end went to Reporting without the notes.
    await t.drainEvents();
    const events = await t.sql<{ type: string; payload: unknown }>('select type, payload from platform.outbox where aggregate_id = $1', [ticketId]);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining([expect.stringMatching(/VisitEnded/)]));
    expect(JSON.stringify(events)).not.toContain('NOTE-7f3a');
  });
});

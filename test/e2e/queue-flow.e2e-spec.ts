import type { IntegrationEvent } from '@modules/shared-kernel';
import { IntegrationEventBus } from '@infrastructure/messaging/integration-event-bus';
import { QueueEvents } from '@modules/scheduling';
import { startTestApp, type TestApp } from '../support/test-app';
import { ReceiptRetentionJob } from '../../modules/scheduling/application/queue/receipt-retention.job';

/** The walk-in queue over HTTP: a clerk's day in Cēsis, every rule the issue names. */
describe('walk-in queue (e2e)', () => {
  let t: TestApp;
  let centreId: string;
  let clerk: string;
  let clerk2: string;
  let desks: Array<{ id: string; number: string }>;
  let queues: Array<{ id: string; prefix: string; serviceCodes: string[] }>;
  const events: IntegrationEvent[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(IntegrationEventBus).subscribe('test.queue-observer', Object.values(QueueEvents), async (e) => {
      events.push(e);
    });
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    clerk = await t.token('clerk.cesis');
    clerk2 = await t.token('clerk.cesis2');
    const state = await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk });
    expect(state.status).toBe(200);
    desks = state.body.desks;
    queues = state.body.queues;
    await t.request('PUT', `/api/v1/queue/centres/${centreId}/settings`, { token: clerk, body: { recallDelaySeconds: 0, maxCalls: 2, undoWindowSeconds: 30 } });
  });
  afterAll(async () => {
    await t.close();
  });

  const issue = (body: Record<string, unknown>, headers: Record<string, string> = {}) => t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerk, body, headers });
  const act = (token: string, path: string, body?: unknown) => t.request('POST', `/api/v1/queue/${path}`, { token, body });

  it('has queues and desks for every centre, provisioned from CentreRegistered', async () => {
    expect(queues.map((q) => q.prefix)).toEqual(expect.arrayContaining(['A', 'B']));
    expect(desks.length).toBeGreaterThanOrEqual(2);
    const [{ n }] = await t.sql<{ n: string }>('select count(distinct centre_id) as n from scheduling.service_queue');
    expect(Number(n)).toBe(315);
  });

  it('issues numbered tickets per queue, with a public tracker', async () => {
    const vsaa = queues.find((q) => q.prefix === 'A')!.serviceCodes[0]!;
    const first = await issue({ serviceCode: vsaa });
    expect(first.status).toBe(201);
    expect(first.body.ticket.number).toBe('A001');
    expect(first.body.ticket.position).toBe(0); // nobody ahead
    const second = await issue({ serviceCode: vsaa, priority: 2 });
    expect(second.body.ticket.number).toBe('A002');
    const track = await t.request('GET', `/api/v1/queue/track/${second.body.trackingToken}`);
    expect(track.status).toBe(200);
    expect(track.body).toMatchObject({ number: 'A002', status: 'waiting', position: 0 });
    expect(track.body.seq).toBe((await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk })).body.seq);
    expect(track.body.estimate.minMinutes).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(track.body)).not.toMatch(/clerk|personal/i);
    expect((await t.request('GET', '/api/v1/queue/track/not-a-real-token-0000000000')).status).toBe(404);
  });

  it('runs a visit: open desk, call next by priority, start, add a service, transfer, finish', async () => {
    const desk = desks[0]!;
    expect((await act(clerk, `desks/${desk.id}/open`, {})).body.state).toBe('open');
    const called = await act(clerk, `desks/${desk.id}/call-next`);
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ number: 'A002', status: 'called', deskId: desk.id }); // priority 2 first
    const started = await act(clerk, `tickets/${called.body.id}/start`);
    expect(started.body.status).toBe('serving');
    const bQueue = queues.find((q) => q.prefix === 'B')!;
    const added = await act(clerk, `tickets/${called.body.id}/services`, { serviceCode: bQueue.serviceCodes[0], channel: 'assisted_eservice' });
    expect(added.body.serviceCodes).toHaveLength(2);
    const moved = await act(clerk, `tickets/${called.body.id}/transfer`, { toQueueId: bQueue.id, placement: 'first' });
    expect(moved.body).toMatchObject({ status: 'waiting', queueId: bQueue.id });
    const desk2 = desks[1]!;
    await act(clerk2, `desks/${desk2.id}/open`, { queueIds: [bQueue.id] });
    const again = await act(clerk2, `desks/${desk2.id}/call-next`);
    expect(again.body.number).toBe('A002');
    await act(clerk2, `tickets/${again.body.id}/start`);
    const done = await act(clerk2, `tickets/${again.body.id}/finish`, { outcome: 'served' });
    expect(done.body.status).toBe('finished');
    // The wait estimator reads a finished visit's first service this way (estimates per service and hour).
    const [first] = await t.sql<{ code: string }>(`select requests->0->>'serviceCode' as code from scheduling.ticket where id = $1`, [again.body.id]);
    expect(first!.code).toBe(again.body.serviceCodes[0]);
    await t.drainEvents();
    const mine = events.filter((e) => e.aggregateId === again.body.id).map((e) => e.type);
    expect(mine).toEqual(
      expect.arrayContaining([QueueEvents.TicketIssued, QueueEvents.TicketCalled, QueueEvents.ServiceStarted, QueueEvents.TicketTransferred, QueueEvents.ServiceFinished, QueueEvents.VisitEnded]),
    );
    const ended = events.find((e) => e.type === QueueEvents.VisitEnded && e.aggregateId === again.body.id)!.payload as { periods: Array<{ state: string }>; durations: { serviceMs: number } };
    expect(ended.periods.map((p) => p.state)).toEqual(['created', 'waiting', 'called', 'serving', 'waiting', 'called', 'serving']);
    expect(ended.durations.serviceMs).toBeGreaterThanOrEqual(0);
  });

  it('refuses illegal transitions with 409 and a stable code', async () => {
    const ticket = (await issue({ queueId: queues[0]!.id })).body.ticket;
    const start = await act(clerk, `tickets/${ticket.id}/start`);
    expect(start.status).toBe(409);
    expect(start.body.code).toBe('QUEUE.TICKET_NOT_CALLED');
    const park = await act(clerk, `tickets/${ticket.id}/park`, {});
    expect(park.status).toBe(409);
    // Desk 2 serves queue B only, but falls back to the other queues its clerk may serve.
    const calledIds: string[] = [];
    let res = await act(clerk2, `desks/${desks[1]!.id}/call-next`);
    while (res.status === 200) {
      calledIds.push(res.body.id);
      expect((await act(clerk2, `tickets/${res.body.id}/finish`, { outcome: 'left_before_service' })).body.status).toBe('left');
      res = await act(clerk2, `desks/${desks[1]!.id}/call-next`);
    }
    expect(calledIds).toContain(ticket.id);
    const nobody = res;
    expect(nobody.status).toBe(409);
    expect(nobody.body.code).toBe('QUEUE.NOBODY_WAITING');
  });

  it('recalls, and takes a no-show out of the queue after the maximum number of calls', async () => {
    const desk = desks[0]!;
    await issue({ queueId: queues[0]!.id });
    const ticket = (await act(clerk, `desks/${desk.id}/call-next`)).body;
    const recalled = await act(clerk, `tickets/${ticket.id}/recall`);
    expect(recalled.body.calledCount).toBe(2);
    const gone = await act(clerk, `tickets/${ticket.id}/no-show`);
    expect(gone.body.status).toBe('no_show');
    expect((await act(clerk, `desks/${desk.id}/call-next`)).status).toBe(409); // desk is free and nobody waits
  });

  it('parks and resumes, returns to the queue, and undoes the last action', async () => {
    const desk = desks[0]!;
    const ticket = (await issue({ queueId: queues[0]!.id })).body.ticket;
    await act(clerk, `desks/${desk.id}/call-next`);
    await act(clerk, `tickets/${ticket.id}/start`);
    const parked = await act(clerk, `tickets/${ticket.id}/park`, { reason: 'Jāatnes izziņa' });
    expect(parked.body.status).toBe('parked');
    await t.drainEvents();
    const parkedEvent = events.find((e) => e.type === QueueEvents.TicketParked && e.aggregateId === ticket.id);
    expect(parkedEvent?.payload).toMatchObject({ ticketId: ticket.id, centreId, number: ticket.number, reason: 'Jāatnes izziņa' });
    const resumed = await act(clerk, `tickets/${ticket.id}/resume`, { deskId: desk.id });
    expect(resumed.body).toMatchObject({ status: 'serving', deskId: desk.id });
    const returned = await act(clerk, `tickets/${ticket.id}/return`);
    expect(returned.body.status).toBe('waiting');
    const undone = await act(clerk, `tickets/${ticket.id}/undo`);
    expect(undone.body.status).toBe('serving');
    const notMine = await act(clerk2, `tickets/${ticket.id}/undo`);
    expect(notMine.status).toBe(409);
    const left = await act(clerk, `tickets/${ticket.id}/finish`, { outcome: 'not_served', reason: 'Nav dokumentu' });
    expect(left.body.status).toBe('finished');
  });

  it('lets the clerk pause, take a break, do back-office work, come back open and close the desk — and nobody else', async () => {
    const desk = desks[0]!;
    const setState = (token: string, state: string) => t.request('POST', `/api/v1/queue/desks/${desk.id}/state`, { token, body: { state } });
    expect((await act(clerk, `desks/${desk.id}/open`, {})).body.state).toBe('open');
    await issue({ queueId: queues[0]!.id });
    for (const state of ['paused', 'break', 'back_office']) {
      const away = await setState(clerk, state);
      expect(away.status).toBe(200);
      expect(away.body.state).toBe(state);
      const call = await act(clerk, `desks/${desk.id}/call-next`);
      expect(call.status).toBe(409);
      expect(call.body.code).toBe('QUEUE.DESK_NOT_OPEN');
      const other = await setState(clerk2, 'open');
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('QUEUE.NOT_YOUR_DESK');
      const back = await setState(clerk, 'open');
      expect(back.status).toBe(200);
      expect(back.body.state).toBe('open');
    }
    expect((await setState(clerk, 'break')).body.state).toBe('break');
    const closed = await setState(clerk, 'closed');
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('closed');
    expect((await setState(clerk, 'closed')).status).toBe(200);
    const reopenBySwitch = await setState(clerk, 'open');
    expect(reopenBySwitch.status).toBe(409);
    expect(reopenBySwitch.body.code).toBe('QUEUE.DESK_CLOSED');
    const [row] = await t.sql<{ state: string; clerk_id: string | null }>('select state, clerk_id from scheduling.desk where id = $1', [desk.id]);
    expect(row).toEqual({ state: 'closed', clerk_id: null });
    // Open again, and serve the ticket issued above so the desk is free for what follows.
    expect((await act(clerk, `desks/${desk.id}/open`, {})).body.state).toBe('open');
    const called = (await act(clerk, `desks/${desk.id}/call-next`)).body;
    expect((await act(clerk, `tickets/${called.id}/finish`, { outcome: 'left_before_service' })).body.status).toBe('left');
  });

  it('answers a retried call-next and finish with the first answer, doing them once', async () => {
    const desk = desks[0]!;
    const ticket = (await issue({ queueId: queues[0]!.id })).body.ticket;
    const send = (path: string, key: string, body?: unknown) => t.request('POST', `/api/v1/queue/${path}`, { token: clerk, body, headers: { 'idempotency-key': key } });
    const call1 = await send(`desks/${desk.id}/call-next`, 'retry-call-0001');
    const call2 = await send(`desks/${desk.id}/call-next`, 'retry-call-0001');
    expect(call1.status).toBe(200);
    expect(call2.status).toBe(200);
    // The first answer, without the visit notes (command receipts do not keep them).
    expect(call2.body).toEqual({ ...call1.body, notes: undefined, notesUpdatedAt: undefined });
    expect(call1.body.id).toBe(ticket.id);
    await act(clerk, `tickets/${ticket.id}/start`);
    const fin1 = await send(`tickets/${ticket.id}/finish`, 'retry-finish-0001', { outcome: 'served' });
    const fin2 = await send(`tickets/${ticket.id}/finish`, 'retry-finish-0001', { outcome: 'served' });
    expect(fin2.status).toBe(200);
    expect(fin2.body).toEqual({ ...fin1.body, notes: undefined, notesUpdatedAt: undefined });
    const [row] = await t.sql<{ called_count: number; status: string }>('select called_count, status from scheduling.ticket where id = $1', [ticket.id]);
    expect(row).toEqual({ called_count: 1, status: 'finished' });
    // Without the key, a second finish is a conflict.
    expect((await act(clerk, `tickets/${ticket.id}/finish`, { outcome: 'served' })).body.code).toBe('QUEUE.TICKET_CLOSED');
  });

  it('is idempotent under retry with the same Idempotency-Key', async () => {
    const key = 'retry-key-0001';
    const a = await issue({ queueId: queues[0]!.id }, { 'idempotency-key': key });
    const b = await issue({ queueId: queues[0]!.id }, { 'idempotency-key': key });
    expect(b.status).toBe(201);
    expect(b.body.ticket.id).toBe(a.body.ticket.id);
    const [{ n }] = await t.sql<{ n: string }>('select count(*) as n from scheduling.ticket where id = $1', [a.body.ticket.id]);
    expect(Number(n)).toBe(1);
    const reused = await t.request('POST', `/api/v1/queue/desks/${desks[0]!.id}/call-next`, { token: clerk, headers: { 'idempotency-key': key } });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('QUEUE.REQUEST_ID_REUSED');
  });

  it('deletes command receipts after a day (hourly job), keeping the recent ones', async () => {
    const key = `retention-key-${Date.now()}`;
    expect((await issue({ queueId: queues[0]!.id }, { 'idempotency-key': key })).status).toBe(201);
    await t.sql(`insert into scheduling.command_receipt (request_id, centre_id, actor, command, response, created_at)
                 select 'old-receipt-' || g, $1, 'e2e', 'issue', '{}'::jsonb, now() - interval '25 hours' from generate_series(1, 7) g`, [centreId]);
    const job = t.app.get(ReceiptRetentionJob);
    expect(await job.purge(new Date(), 3)).toEqual({ deleted: 7 });
    const left = await t.sql<{ request_id: string }>(`select request_id from scheduling.command_receipt where request_id like 'old-receipt-%' or request_id = $1`, [key]);
    expect(left.map((r) => r.request_id)).toEqual([key]);
    expect(await job.purge(new Date())).toEqual({ deleted: 0 });
  });

  it('keeps clerks to their own centre and devices to their role', async () => {
    const grobina = await t.token('clerk.grobina');
    expect((await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: grobina, body: { queueId: queues[0]!.id } })).status).toBe(403);
    expect((await act(grobina, `desks/${desks[0]!.id}/call-next`)).status).toBe(403);
    expect((await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: grobina })).status).toBe(403);
    // Nor act on a ticket of another centre by its id: refused, and the ticket is unchanged.
    const cesisTicket = (await issue({ queueId: queues[0]!.id })).body.ticket;
    for (const [path, body] of [['finish', { outcome: 'left_before_service' }], ['transfer', { toQueueId: queues[1]!.id, placement: 'last' }], ['park', {}]] as const) {
      const refused = await act(grobina, `tickets/${cesisTicket.id}/${path}`, body);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('QUEUE.CENTRE_ACCESS_DENIED');
    }
    const [untouched] = await t.sql<{ status: string; queue_id: string }>('select status, queue_id from scheduling.ticket where id = $1', [cesisTicket.id]);
    expect(untouched).toEqual({ status: 'waiting', queue_id: queues[0]!.id });
    expect((await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: await t.token('specialist.vsaa') })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { body: { queueId: queues[0]!.id } })).status).toBe(401);

    const display = await t.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk, body: { kind: 'display', name: 'Zāle' } });
    const kiosk = await t.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk, body: { kind: 'kiosk', name: 'Ieeja' } });
    expect(display.body.token).toMatch(/^dsp_/);
    // A display token is no credential for commands.
    expect((await t.request('POST', `/api/v1/queue/desks/${desks[0]!.id}/call-next`, { token: display.body.token })).status).toBe(401);
    expect((await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { headers: { 'x-device-token': display.body.token }, body: { queueId: queues[0]!.id } })).status).toBe(401);
    const fromKiosk = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { headers: { 'x-device-token': kiosk.body.token }, body: { queueId: queues[0]!.id, priority: 1 } });
    expect(fromKiosk.status).toBe(201);
    const otherCentre = (await t.request('GET', '/api/v1/network/centres?q=Grobiņ')).body.items[0].id;
    expect((await t.request('POST', `/api/v1/queue/centres/${otherCentre}/tickets`, { headers: { 'x-device-token': kiosk.body.token }, body: {} })).status).toBe(403);
  });

  it('rejects bad input and changes nothing', async () => {
    const before = (await t.sql<{ n: string }>('select count(*) as n from scheduling.ticket'))[0]!.n;
    expect((await issue({ queueId: 'nope' })).status).toBe(422);
    expect((await issue({ priority: 7, queueId: queues[0]!.id })).status).toBe(422);
    expect((await issue({ serviceCode: 'NOPE-999' })).body.code).toBe('QUEUE.NO_QUEUE_FOR_SERVICE');
    const badCode = await issue({ queueId: queues[0]!.id, citizen: { name: 'Jānis', personalCode: '161375-19997' } });
    expect(badCode.status).toBe(422);
    expect(badCode.body.errors[0].field).toBe('citizen.personalCode');
    expect((await issue({ queueId: queues[0]!.id, extra: true })).status).toBe(422);
    expect((await t.request('POST', '/api/v1/queue/desks/not-a-uuid/call-next', { token: clerk })).status).toBe(422);
    expect((await t.sql<{ n: string }>('select count(*) as n from scheduling.ticket'))[0]!.n).toBe(before);
  });

  it('announces once when a citizen reaches the notification place (for an SMS/e-mail gateway)', async () => {
    // A fresh queue so positions are predictable.
    const q = await t.request('POST', `/api/v1/queue/centres/${centreId}/queues`, { token: clerk, body: { nameLv: 'Pārbaudes rinda', nameEn: 'Test queue', prefix: 'T', serviceCodes: [] } });
    expect(q.status).toBe(201);
    await t.request('PUT', `/api/v1/queue/centres/${centreId}/settings`, { token: clerk, body: { notifyAtPosition: 1 } });
    const tickets: Array<{ id: string; number: string }> = [];
    for (let i = 0; i < 3; i++) tickets.push((await issue({ queueId: q.body.id })).body.ticket);
    const desk = (await t.request('POST', `/api/v1/queue/centres/${centreId}/desks`, { token: clerk, body: { number: '77' } })).body;
    await act(clerk, `desks/${desk.id}/open`, { queueIds: [q.body.id] });
    const approaching = () => events.filter((e) => e.type === QueueEvents.TicketApproaching).map((e) => (e.payload as { ticketId: string }).ticketId);
    await t.drainEvents();
    // Integration events are delivered at least once each, in no promised order: compare as sets.
    expect(approaching().filter((id) => tickets.some((tk) => tk.id === id)).sort()).toEqual([tickets[0]!.id, tickets[1]!.id].sort());
    const first = await act(clerk, `desks/${desk.id}/call-next`);
    expect(first.body.id).toBe(tickets[0]!.id);
    await t.drainEvents();
    const mine = approaching().filter((id) => tickets.some((tk) => tk.id === id));
    expect(mine.sort()).toEqual([tickets[0]!.id, tickets[1]!.id, tickets[2]!.id].sort());
    const payload = events.find((e) => e.type === QueueEvents.TicketApproaching && (e.payload as { ticketId: string }).ticketId === tickets[2]!.id)!.payload;
    expect(payload).toMatchObject({ position: 1, number: tickets[2]!.number });
    expect(JSON.stringify(payload)).not.toMatch(/personal|name/i);
  });

  it('transfers to a named clerk only if that clerk is at a desk of the centre now; the ticket then waits for that clerk', async () => {
    const [d0, d1] = [desks[0]!, desks[1]!];
    expect((await act(clerk, `desks/${d0.id}/open`, {})).status).toBe(200);
    expect((await act(clerk2, `desks/${d1.id}/open`, {})).status).toBe(200);
    const ticket = (await issue({ queueId: queues[0]!.id })).body.ticket;
    const called = await act(clerk, `desks/${d0.id}/call`, { ticketId: ticket.id });
    expect(called.status).toBe(200);
    expect((await act(clerk, `tickets/${ticket.id}/start`)).body.status).toBe('serving');

    const nobody = await act(clerk, `tickets/${ticket.id}/transfer`, { toClerkId: 'demo:clerk.nobody', placement: 'first' });
    expect(nobody.status).toBe(422);
    expect(nobody.body).toMatchObject({ code: 'QUEUE.TRANSFER_CLERK_UNKNOWN', errors: [{ field: 'toClerkId' }] });
    const grobina = await act(clerk, `tickets/${ticket.id}/transfer`, { toClerkId: 'demo:clerk.grobina', placement: 'first' });
    expect(grobina.body.code).toBe('QUEUE.TRANSFER_CLERK_UNKNOWN');
    expect((await t.sql<{ status: string }>('select status from scheduling.ticket where id = $1', [ticket.id]))[0]!.status).toBe('serving');

    const moved = await act(clerk, `tickets/${ticket.id}/transfer`, { toClerkId: 'demo:clerk.cesis2', placement: 'first' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'waiting' });
    // Another clerk cannot call it; the named one can.
    const notYou = await act(clerk, `desks/${d0.id}/call`, { ticketId: ticket.id });
    expect(notYou.status).toBe(409);
    expect(notYou.body.code).toBe('QUEUE.TICKET_ASSIGNED_TO_ANOTHER_CLERK');
    const byName = await act(clerk2, `desks/${d1.id}/call`, { ticketId: ticket.id });
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ id: ticket.id, status: 'called', deskId: d1.id });
    expect((await act(clerk2, `tickets/${ticket.id}/finish`, { outcome: 'left_before_service' })).body.status).toBe('left');
  });

  it('lets a clerk change a visitor’s priority while they wait: the queue reorders, the change can be undone, bad input changes nothing', async () => {
    const first = (await issue({ queueId: queues[0]!.id })).body.ticket;
    const second = (await issue({ queueId: queues[0]!.id })).body.ticket;
    const positions = async (): Promise<Record<string, number>> => {
      const state = await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk });
      return Object.fromEntries(state.body.tickets.filter((x: { id: string }) => x.id === first.id || x.id === second.id).map((x: { id: string; position: number }) => [x.id, x.position]));
    };
    expect((await positions())[first.id]).toBeLessThan((await positions())[second.id]!);

    const raised = await t.request('POST', `/api/v1/queue/tickets/${second.id}/priority`, { token: clerk, body: { priority: 2 } });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ id: second.id, priority: 2, status: 'waiting', canUndo: { action: 'set_priority', by: 'demo:clerk.cesis' } });
    let now = await positions();
    expect(now[second.id]).toBeLessThan(now[first.id]!);
    const same = await t.request('POST', `/api/v1/queue/tickets/${second.id}/priority`, { token: clerk, body: { priority: 2 } });
    expect(same.body.version).toBe(raised.body.version); // already that level: no change

    for (const bad of [3, -1, '2', null]) {
      const res = await t.request('POST', `/api/v1/queue/tickets/${first.id}/priority`, { token: clerk, body: { priority: bad } });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('priority');
    }
    const foreign = await t.request('POST', `/api/v1/queue/tickets/${first.id}/priority`, { token: await t.token('clerk.grobina'), body: { priority: 1 } });
    expect(foreign.status).toBe(403);
    const [row] = await t.sql<{ priority: number }>('select priority from scheduling.ticket where id = $1', [first.id]);
    expect(row!.priority).toBe(0);

    // Only its clerk undoes it.
    expect((await act(clerk2, `tickets/${second.id}/undo`)).status).toBe(409);
    const undone = await act(clerk, `tickets/${second.id}/undo`);
    expect(undone.body.priority).toBe(0);
    now = await positions();
    expect(now[first.id]).toBeLessThan(now[second.id]!);

    // A closed visit keeps its level.
    expect((await act(clerk, `desks/${desks[0]!.id}/open`, {})).status).toBe(200);
    for (const x of [first, second]) {
      expect((await act(clerk, `desks/${desks[0]!.id}/call`, { ticketId: x.id })).status).toBe(200);
      expect((await act(clerk, `tickets/${x.id}/finish`, { outcome: 'left_before_service' })).status).toBe(200);
    }
    const closed = await t.request('POST', `/api/v1/queue/tickets/${first.id}/priority`, { token: clerk, body: { priority: 1 } });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('QUEUE.TICKET_CLOSED');
  });

  it('shows a visit in full (periods with desk and clerk), and lets a clerk mark a wrong timing after the visit ended — reports follow', async () => {
    const desk = desks[0]!;
    expect((await act(clerk, `desks/${desk.id}/open`, {})).status).toBe(200);
    // Who the visitor is, only for a service that needs it (the catalogue's citizenIdentity).
    const citizen = { name: 'Jānis Bērziņš', personalCode: '161175-19997' };
    const identityService = queues.flatMap((q) => q.serviceCodes).find((code) => code === 'VSAA-009')!;
    expect(identityService).toBeDefined();
    const plainService = queues[0]!.serviceCodes.find((code) => code !== identityService)!;
    const [{ n: ticketsBefore }] = await t.sql<{ n: string }>('select count(*) as n from scheduling.ticket');
    const notNeeded = await issue({ serviceCode: plainService, citizen });
    expect(notNeeded.status).toBe(422);
    expect(notNeeded.body).toMatchObject({ code: 'QUEUE.CITIZEN_NOT_NEEDED', errors: [{ field: 'citizen', code: 'not_needed' }] });
    const noService = await issue({ queueId: queues[0]!.id, citizen });
    expect(noService.body).toMatchObject({ code: 'QUEUE.CITIZEN_NOT_NEEDED', errors: [{ field: 'citizen', code: 'service_required' }] });
    expect((await t.sql<{ n: string }>('select count(*) as n from scheduling.ticket'))[0]!.n).toBe(ticketsBefore); // refused: nothing kept
    expect((await t.request('GET', `/api/v1/network/services/${identityService}`)).body.citizenIdentity).toBe(true);
    const issued = await issue({ serviceCode: identityService, citizen });
    expect(issued.status).toBe(201);
    const id = issued.body.ticket.id as string;
    expect((await act(clerk, `desks/${desk.id}/call`, { ticketId: id })).status).toBe(200);
    expect((await act(clerk, `tickets/${id}/start`)).status).toBe(200);
    await t.request('PUT', `/api/v1/queue/tickets/${id}/notes`, { token: clerk, body: { notes: 'Atnesīs izziņu' } });

    // While active: the centre's clerks see the periods, the notes and the citizen (code masked).
    const active = await t.request('GET', `/api/v1/queue/tickets/${id}`, { token: clerk2 });
    expect(active.status).toBe(200);
    expect(active.body).toMatchObject({ id, status: 'serving', notes: 'Atnesīs izziņu', citizen: { name: 'Jānis Bērziņš', personalCodeMasked: '161175-*****' }, outcome: null, closedAt: null });
    expect(JSON.stringify(active.body)).not.toContain('19997');
    const reads = await t.sql<{ actor_id: string; details: { fields: string[] } }>("select actor_id, details from platform.audit_log where action = 'scheduling.ticket.personal-data.read' and resource_id = $1", [id]);
    expect(reads).toEqual([{ actor_id: 'demo:clerk.cesis2', details: { fields: ['name', 'personalCodeMasked'] } }]); // which fields, never their values
    expect(active.body.periods.map((p: { state: string }) => p.state)).toEqual(['created', 'waiting', 'called', 'serving']);
    const serving = active.body.periods[3];
    expect(serving).toMatchObject({ deskId: desk.id, deskNumber: desk.number, clerkId: 'demo:clerk.cesis', endedAt: null, accurate: true });

    const done = await act(clerk, `tickets/${id}/finish`, { outcome: 'served' });
    expect(done.body.status).toBe('finished');
    await t.drainEvents();
    const [before] = await t.sql<{ service_ms: number | null }>('select service_ms from reporting.visit_fact where ticket_id = $1', [id]);
    expect(before!.service_ms).not.toBeNull();

    // After the end: the clerk notices the service was left running and marks that period.
    const closed = await t.request('GET', `/api/v1/queue/tickets/${id}`, { token: clerk });
    expect(closed.body).toMatchObject({ status: 'finished', outcome: { kind: 'served' }, closedAt: expect.any(String) });
    expect(closed.body.periods[3].endedAt).not.toBeNull();
    const versionBefore = closed.body.version;
    const endedBefore = events.filter((e) => e.type === QueueEvents.VisitEnded && e.aggregateId === id).length;
    const marked = await act(clerk2, `tickets/${id}/periods/${serving.id}/inaccurate`);
    expect(marked.status).toBe(200);
    expect(marked.body.version).toBe(versionBefore + 1);
    const again = await act(clerk2, `tickets/${id}/periods/${serving.id}/inaccurate`);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(versionBefore + 1); // already flagged: no new change
    const after = await t.request('GET', `/api/v1/queue/tickets/${id}`, { token: clerk });
    expect(after.body.periods.map((p: { accurate: boolean }) => p.accurate)).toEqual([true, true, true, false]);
    await t.drainEvents();
    const ended = events.filter((e) => e.type === QueueEvents.VisitEnded && e.aggregateId === id);
    expect(ended).toHaveLength(endedBefore + 1); // announced once more, not twice
    expect((ended.at(-1)!.payload as { periods: Array<{ accurate: boolean }> }).periods.map((p) => p.accurate)).toEqual([true, true, true, false]);
    const [fact] = await t.sql<{ service_ms: number | null; wait_ms: number | null }>('select service_ms, wait_ms from reporting.visit_fact where ticket_id = $1', [id]);
    expect(fact).toEqual({ service_ms: null, wait_ms: expect.any(Number) }); // the service time is left out, the wait stays

    // Oversight sees the periods without notes or citizen; other centres and made-up ids see nothing.
    const admin = await t.request('GET', `/api/v1/queue/tickets/${id}`, { token: await t.token('admin') });
    expect(admin.status).toBe(200);
    expect(admin.body.periods).toHaveLength(4);
    expect(admin.body).not.toHaveProperty('notes');
    expect(admin.body).not.toHaveProperty('citizen');
    const grobina = await t.token('clerk.grobina');
    const denied = await t.request('GET', `/api/v1/queue/tickets/${id}`, { token: grobina });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('QUEUE.CENTRE_ACCESS_DENIED');
    const foreignMark = await act(grobina, `tickets/${id}/periods/${active.body.periods[1].id}/inaccurate`);
    expect(foreignMark.status).toBe(403);
    const wrongPeriod = await act(clerk, `tickets/${id}/periods/${issued.body.ticket.id}/inaccurate`);
    expect(wrongPeriod.status).toBe(404);
    expect(wrongPeriod.body.code).toBe('QUEUE.PERIOD_NOT_FOUND');
    expect((await t.request('GET', `/api/v1/queue/tickets/00000000-0000-4000-8000-000000000000`, { token: clerk })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/queue/tickets/not-a-uuid`, { token: clerk })).status).toBe(422);
    expect((await t.request('GET', `/api/v1/queue/tickets/${id}`)).status).toBe(401);
    const [row] = await t.sql<{ periods: Array<{ accurate: boolean }> }>('select periods from scheduling.ticket where id = $1', [id]);
    expect(row!.periods.map((p) => p.accurate)).toEqual([true, true, true, false]); // the refused calls changed nothing
  });
});

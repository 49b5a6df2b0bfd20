import { Desk, type Ticket } from '../../modules/scheduling/domain/queue';
import { cloneTicket, QueueStateStore, TICKET_FIELDS } from '../../modules/scheduling/infrastructure/persistence';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A queue command writes a stored ticket as an UPDATE of the columns it changed (updateTicketSql).
 * Against the real table: after every kind of action, the row read back is the ticket as the
 * command left it — nothing the command changed is missed, nothing else is touched.
 */
describe('queue ticket writes (e2e)', () => {
  let t: TestApp;
  let store: QueueStateStore;
  let centreId: string;
  let deskId: string;
  let queueIds: string[];
  let serviceCode: string;
  const clerk = 'test:write-clerk';
  const other = 'test:write-other';

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(QueueStateStore);
    centreId = (await t.sql<{ id: string }>("select id from network.centre order by id offset 7 limit 1"))[0]!.id;
    const token = await t.tokenFor(clerk, { roles: ['clerk'], centre_ids: [centreId] });
    const state = await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token });
    deskId = state.body.desks[0].id;
    queueIds = state.body.queues.map((q: { id: string }) => q.id);
    serviceCode = state.body.queues[0].serviceCodes[0];
  });
  afterAll(async () => {
    // The rows were written behind the live state's back: it must be read again.
    store.invalidate(centreId);
    await t.close();
  });

  const fieldsOf = (ticket: Ticket): Record<string, unknown> => Object.fromEntries(TICKET_FIELDS.map((key) => [key, (ticket as unknown as Record<string, unknown>)[key] ?? null]));
  const desk = (clerkId: string, now: Date): Desk => {
    const d = Desk.create({ id: deskId, centreId, number: '1' });
    d.open(clerkId, queueIds, now);
    return d;
  };

  it('stores exactly the ticket as each action left it', async () => {
    const token = await t.tokenFor(clerk, { roles: ['clerk'], centre_ids: [centreId] });
    const issued = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token, body: { serviceCode } });
    expect(issued.status).toBe(201);
    let current = (await store.closedTicket(centreId, issued.body.ticket.id))!;
    expect(current.status).toBe('waiting');
    let clock = Date.now();
    const now = (): Date => new Date((clock += 1000));
    const steps: Array<[string, (ticket: Ticket) => void]> = [
      ['priority', (k) => k.setPriority(1, clerk, now())],
      ['notes', (k) => k.setNotes('Atnesa veco pasi', now())],
      ['call', (k) => k.call(desk(clerk, now()), clerk, now())],
      ['recall', (k) => k.recall(clerk, 0, now())],
      ['start', (k) => k.startService(clerk, now())],
      ['add service', (k) => void k.addService('PASS', 'phone', 2, clerk, now())],
      ['undo', (k) => void k.undoLast(clerk, now(), 60)],
      ['park', (k) => k.park(clerk, now(), 'documents')],
      ['resume', (k) => k.resume(desk(clerk, now()), clerk, now())],
      ['transfer to a named clerk', (k) => k.transfer({ toQueueId: queueIds[1] ?? queueIds[0], toClerkId: other, placement: 'last' }, clerk, now())],
      ['call by that clerk', (k) => k.call(desk(other, now()), other, now())],
      ['return to queue', (k) => k.returnToQueue(other, now())],
      ['mark a timing inaccurate', (k) => void k.markInaccurate(k.periods[0]!.id)],
      ['call again (still that clerk’s)', (k) => k.call(desk(other, now()), other, now())],
      ['start again', (k) => k.startService(other, now())],
      ['finish', (k) => k.finish({ kind: 'not_served', reason: 'Trūkst dokumentu' }, other, now())],
    ];
    for (const [name, act] of steps) {
      const next = cloneTicket(current);
      act(next);
      await t.sql(store.ticketSql(next, current));
      const stored = (await store.closedTicket(centreId, next.id))!;
      expect({ step: name, ...fieldsOf(stored) }).toEqual({ step: name, ...fieldsOf(next) });
      current = stored;
    }
    expect(current.status).toBe('finished');
    expect(current.requests).toHaveLength(1); // the added service was undone
    expect(current.periods[0]!.accurate).toBe(false);
    expect(current.notes).toBe('Atnesa veco pasi');
  });

  it('writes only the changed columns: a call leaves the visitor’s services, identity and notes alone', async () => {
    const token = await t.tokenFor(clerk, { roles: ['clerk'], centre_ids: [centreId] });
    const issued = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token, body: { queueId: queueIds[0] } });
    const before = (await store.closedTicket(centreId, issued.body.ticket.id))!;
    const after = cloneTicket(before);
    after.call(desk(clerk, new Date()), clerk, new Date());
    const sql = store.ticketSql(after, before);
    expect(sql).toMatch(/^update scheduling\.ticket set /);
    for (const column of ['status', 'called_count', 'last_called_at', 'desk_id', 'clerk_id', 'periods', 'version', 'last_action']) expect(sql).toContain(`${column} = `);
    for (const column of ['requests', 'citizen', 'appointment', 'notes', 'priority', 'queue_id', 'outcome']) expect(sql).not.toContain(`${column} = `);
    // A ticket the live state does not hold yet (a new one) is written whole.
    expect(store.ticketSql(after)).toMatch(/^insert into scheduling\.ticket /);
  });
});

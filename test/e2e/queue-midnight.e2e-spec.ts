import { QueueClock } from '../../modules/scheduling/application/queue/queue-clock';
import { QueueStateStore } from '../../modules/scheduling/infrastructure/persistence';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Numbering per centre and day (Europe/Riga): it restarts at midnight, and a queue left open over
 * midnight keeps working — yesterday's waiting tickets are still called, in their turn.
 */
describe('walk-in queue over midnight (e2e)', () => {
  let t: TestApp;
  let clock: QueueClock;
  let centreId: string;
  let clerk: string;
  let queueA: { id: string; prefix: string };
  let deskId: string;

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(QueueClock);
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    clerk = await t.token('clerk.cesis');
    const state = await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk });
    queueA = state.body.queues.find((q: { prefix: string }) => q.prefix === 'A');
    deskId = state.body.desks[0].id;
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });

  const issue = () => t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerk, body: { queueId: queueA.id } });
  const act = (path: string, body?: unknown) => t.request('POST', `/api/v1/queue/${path}`, { token: clerk, body });

  it('starts again at 001 after midnight in Riga, and still calls the tickets left from before midnight first', async () => {
    // 23:57 and 23:58 in Riga (UTC+2 in January).
    clock.set(new Date('2027-01-11T21:57:00Z'));
    const first = (await issue()).body.ticket;
    clock.set(new Date('2027-01-11T21:58:00Z'));
    const second = (await issue()).body.ticket;
    expect([first.number, second.number]).toEqual(['A001', 'A002']);
    expect((await act(`desks/${deskId}/open`, {})).status).toBe(200);
    clock.set(new Date('2027-01-11T21:59:00Z'));
    const called = await act(`desks/${deskId}/call-next`);
    expect(called.body).toMatchObject({ id: first.id, status: 'called' });

    // 00:02 the next day: a new day's numbers, while yesterday's A002 still waits.
    clock.set(new Date('2027-01-11T22:02:00Z'));
    const today = (await issue()).body.ticket;
    expect(today.number).toBe('A001');
    expect((await act(`tickets/${first.id}/start`)).body.status).toBe('serving');
    expect((await act(`tickets/${first.id}/finish`, { outcome: 'served' })).body.status).toBe('finished');
    const next = await act(`desks/${deskId}/call-next`);
    expect(next.body).toMatchObject({ id: second.id, number: 'A002', status: 'called' });
    await act(`tickets/${second.id}/finish`, { outcome: 'left_before_service' });
    const after = await act(`desks/${deskId}/call-next`);
    expect(after.body).toMatchObject({ id: today.id, number: 'A001', status: 'called' });

    const rows = await t.sql<{ number: string; service_day: string }>(
      `select number, service_day::text as service_day from scheduling.ticket where centre_id = $1 and service_day >= '2027-01-11' order by issued_at`,
      [centreId],
    );
    expect(rows).toEqual([
      { number: 'A001', service_day: '2027-01-11' },
      { number: 'A002', service_day: '2027-01-11' },
      { number: 'A001', service_day: '2027-01-12' },
    ]);
    const counters = await t.sql<{ service_day: string; last_seq: number }>(
      `select service_day::text as service_day, last_seq from scheduling.ticket_counter where centre_id = $1 and prefix = 'A' and service_day >= '2027-01-11' order by service_day`,
      [centreId],
    );
    expect(counters).toEqual([
      { service_day: '2027-01-11', last_seq: 2 },
      { service_day: '2027-01-12', last_seq: 1 },
    ]);
  });

  it('numbers the new day on from what the database holds after the state is read again (a restart)', async () => {
    clock.set(new Date('2027-01-11T22:10:00Z'));
    // A fresh read of the centre's live state, as after a restart or on another instance.
    t.app.get(QueueStateStore).invalidate(centreId);
    const again = (await issue()).body.ticket;
    expect(again.number).toBe('A002');
  });
});

import { Client } from 'pg';
import { RequestContext } from '@mikro-orm/postgresql';
import { MetricsService } from '@infrastructure/observability/metrics.service';
import { lit } from '@infrastructure/database/sql-literal';
import { QueueStateStore, StaleQueueStateError } from '../../modules/scheduling/infrastructure/persistence';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Group commit (ADR 0008): commits that arrive while the allowed number is in flight go to
 * PostgreSQL together as one transaction; a batch that PostgreSQL refuses is sent again one by one,
 * so each command gets its own answer. Run with one commit in flight, so the batches are predictable.
 */
describe('queue group commit (e2e)', () => {
  let t: TestApp;
  let store: QueueStateStore;
  let centres: string[];

  beforeAll(async () => {
    t = await startTestApp({ QUEUE_COMMITS_IN_FLIGHT: '1', QUEUE_LOCK_TIMEOUT_MS: '300' });
    store = t.app.get(QueueStateStore);
    centres = (await t.sql<{ id: string }>('select id from network.centre order by id limit 5')).map((r) => r.id);
    for (const c of centres) await store.load(c);
  });
  afterAll(() => t.close());
  // The tests below write seq directly (as another instance would): the cached copies are then stale.
  afterEach(() => centres.forEach((c) => store.invalidate(c)));

  const seqOf = async (centreId: string): Promise<number> => Number((await t.sql<{ seq: string }>('select seq::text as seq from scheduling.centre_queue_settings where centre_id = $1', [centreId]))[0]!.seq);
  const batchSizes = async (): Promise<{ count: number; sum: number }> => {
    const metric = await t.app.get(MetricsService).registry.getSingleMetric('queue_commit_batch_size')!.get();
    const value = (name: string) => metric.values.find((v) => (v as { metricName?: string }).metricName === name)?.value ?? 0;
    return { count: value('queue_commit_batch_size_count'), sum: value('queue_commit_batch_size_sum') };
  };

  it('commits the commits that waited together, in one transaction, each with its own answer', async () => {
    const [slow, a, b, c] = centres as [string, string, string, string];
    const seqs = await Promise.all([slow, a, b, c].map(seqOf));
    const before = await batchSizes();
    const first = store.commit(slow, seqs[0]!, seqs[0]! + 1, ['select pg_sleep(0.3)']);
    // These three arrive while the first is in flight: they wait, then go as one transaction.
    const rest = [a, b, c].map((centre, i) => store.commit(centre, seqs[i + 1]!, seqs[i + 1]! + 1, []));
    await Promise.all([first, ...rest]);
    expect(await Promise.all([slow, a, b, c].map(seqOf))).toEqual(seqs.map((s) => s + 1));
    const after = await batchSizes();
    expect(after.count - before.count).toBe(2); // two transactions …
    expect(after.sum - before.sum).toBe(4); // … for four commits
  });

  it('a stale commit in a batch fails alone; the others of its batch are committed', async () => {
    const [slow, a, stale, c] = centres as [string, string, string, string];
    const seqs = await Promise.all([slow, a, stale, c].map(seqOf));
    const first = store.commit(slow, seqs[0]!, seqs[0]! + 1, ['select pg_sleep(0.3)']);
    const results = await Promise.allSettled([
      store.commit(a, seqs[1]!, seqs[1]! + 1, []),
      store.commit(stale, seqs[2]! - 1, seqs[2]! + 5, []), // built on an older seq: another instance changed the centre
      store.commit(c, seqs[3]!, seqs[3]! + 1, []),
    ]);
    await first;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(StaleQueueStateError);
    expect(await Promise.all([a, stale, c].map(seqOf))).toEqual([seqs[1]! + 1, seqs[2]!, seqs[3]! + 1]);
  });

  it('a batch whose connection breaks mid-transaction fails every command in it, and writes nothing', async () => {
    const [slow, a, b] = centres as [string, string, string];
    const seqs = await Promise.all([slow, a, b].map(seqOf));
    const first = store.commit(slow, seqs[0]!, seqs[0]! + 1, ['select pg_sleep(0.3)']);
    const results = await Promise.allSettled([
      store.commit(a, seqs[1]!, seqs[1]! + 1, []),
      store.commit(b, seqs[2]!, seqs[2]! + 1, ['select pg_terminate_backend(pg_backend_pid())']),
    ]);
    await first;
    // Maybe committed, maybe not, as far as the sender knows: no command may be told it succeeded, nor retried blindly.
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await Promise.all([a, b].map(seqOf))).toEqual([seqs[1], seqs[2]]);
    // The pool recovers: the next commit goes through on a new connection.
    await store.commit(a, seqs[1]!, seqs[1]! + 1, []);
    expect(await seqOf(a)).toBe(seqs[1]! + 1);
  });

  it('clerks’ commands in many centres at once: every answer 201, numbers gapless, fewer transactions than commands', async () => {
    const rows = await t.sql<{ id: string }>('select id from network.centre order by id limit 12');
    const setups = await Promise.all(
      rows.map(async ({ id }, i) => {
        const token = await t.tokenFor(`test:gc-clerk-${i}`, { roles: ['clerk'], centre_ids: [id] });
        const state = await t.request('GET', `/api/v1/queue/centres/${id}/state`, { token });
        expect(state.status).toBe(200);
        return { centreId: id, token, queueId: state.body.queues[0].id as string };
      }),
    );
    const before = await batchSizes();
    const answers = await Promise.all(
      setups.flatMap((s) =>
        Array.from({ length: 8 }, (_, k) =>
          t.request('POST', `/api/v1/queue/centres/${s.centreId}/tickets`, { token: s.token, body: { queueId: s.queueId }, headers: { 'idempotency-key': `gc-${s.centreId}-${k}` } }),
        ),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 201));
    const after = await batchSizes();
    expect(after.sum - before.sum).toBe(answers.length);
    expect(after.count - before.count).toBeLessThan(answers.length);
    for (const [i] of setups.entries()) {
      const issued = answers.slice(i * 8, i * 8 + 8).map((r) => r.body.ticket.id as string);
      expect(issued).toHaveLength(8);
      const seqs = (await t.sql<{ seq: string }>('select seq::text as seq from scheduling.ticket where id = any($1) order by seq', [issued])).map((r) => Number(r.seq));
      expect(seqs).toEqual(Array.from({ length: 8 }, (_, i) => seqs[0]! + i));
    }
  });

  it('runs a command again when PostgreSQL rolls its commit back for a transient reason; after too many, 503 QUEUE.BUSY having done nothing, and the same key then succeeds', async () => {
    const centreId = centres[4]!;
    const token = await t.tokenFor('test:gc-busy', { roles: ['clerk'], centre_ids: [centreId] });
    const queueId = (await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token })).body.queues[0].id as string;
    // A trigger that refuses this centre's ticket inserts as a deadlock would: the first three
    // times (a sequence: its count survives the rollbacks), or always.
    await t.sql(`create sequence if not exists public.gc_busy_seq`);
    await t.sql(`create table if not exists public.gc_busy (always boolean not null)`);
    await t.sql(`insert into public.gc_busy values (false)`);
    await t.sql(`create or replace function public.gc_busy() returns trigger language plpgsql as $$
      begin
        if new.centre_id = ${lit(centreId)} and ((select always from public.gc_busy limit 1) or nextval('public.gc_busy_seq') <= 3) then
          raise exception 'simulated deadlock' using errcode = '40P01';
        end if;
        return new;
      end $$`);
    await t.sql(`create trigger gc_busy before insert on scheduling.ticket for each row execute function public.gc_busy()`);
    const tickets = async (): Promise<number> => Number((await t.sql<{ n: string }>('select count(*) as n from scheduling.ticket where centre_id = $1', [centreId]))[0]!.n);
    try {
      const before = await tickets();
      const retried = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token, body: { queueId }, headers: { 'idempotency-key': 'gc-busy-1' } });
      expect(retried.status).toBe(201);
      expect(await tickets()).toBe(before + 1);

      await t.sql(`update public.gc_busy set always = true`);
      const seq = await seqOf(centreId);
      const busy = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token, body: { queueId }, headers: { 'idempotency-key': 'gc-busy-2' } });
      expect(busy.status).toBe(503);
      expect(busy.body).toMatchObject({ code: 'QUEUE.BUSY', status: 503 });
      expect(busy.headers.get('retry-after')).toBe('1');
      expect(await tickets()).toBe(before + 1); // nothing written
      expect(await seqOf(centreId)).toBe(seq);

      await t.sql(`drop trigger gc_busy on scheduling.ticket`);
      const again = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token, body: { queueId }, headers: { 'idempotency-key': 'gc-busy-2' } });
      expect(again.status).toBe(201);
      expect(await tickets()).toBe(before + 2);
    } finally {
      await t.sql(`drop trigger if exists gc_busy on scheduling.ticket`);
      await t.sql(`drop function if exists public.gc_busy(); drop table if exists public.gc_busy; drop sequence if exists public.gc_busy_seq`);
    }
  });

  it('a centre under its lock: another commit to it waits for the lock, then finds the seq moved on; the locked commit goes through', async () => {
    const centreId = centres[1]!;
    const seq = await seqOf(centreId);
    const lock = await store.lock(centreId);
    try {
      expect(lock.state.seq).toBe(seq);
      expect(lock.receipt).toBeNull();
      let settled = false;
      const other = store.commit(centreId, seq, seq + 1, []).finally(() => (settled = true)); // built on the same seq
      await new Promise((r) => setTimeout(r, 200));
      expect(settled).toBe(false); // waits on the centre's row
      await lock.commit(seq, seq + 2, []);
      await expect(other).rejects.toBeInstanceOf(StaleQueueStateError);
      expect(await seqOf(centreId)).toBe(seq + 2);
    } finally {
      await lock.release();
    }
  });

  it('a lock released without a commit writes nothing; one that waits longer than QUEUE_LOCK_TIMEOUT_MS fails as transient', async () => {
    const centreId = centres[2]!;
    const seq = await seqOf(centreId);
    const lock = await store.lock(centreId);
    await lock.release();
    await lock.release(); // again: nothing
    expect(await seqOf(centreId)).toBe(seq);
    await expect(lock.commit(seq, seq + 1, [])).rejects.toThrow('released');

    // Another transaction (another instance's lock) holds the centre.
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select seq from scheduling.centre_queue_settings where centre_id = $1 for update', [centreId]);
      const started = Date.now();
      const err = await store.lock(centreId).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StaleQueueStateError);
      expect((err as StaleQueueStateError).reason).toBe('transient');
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      await holder.query('rollback');
      // The pool's connection is usable again, and the lock is free.
      const next = await store.lock(centreId);
      await next.commit(seq, seq + 1, []);
      expect(await seqOf(centreId)).toBe(seq + 1);
    } finally {
      await holder.end();
    }
  });

  it('a lock reads the stored answer of the request id with the state', async () => {
    const centreId = centres[3]!;
    const token = await t.tokenFor('test:gc-lock-receipt', { roles: ['clerk'], centre_ids: [centreId] });
    const queueId = (await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token })).body.queues[0].id as string;
    const issued = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token, body: { queueId }, headers: { 'idempotency-key': 'gc-lock-receipt' } });
    expect(issued.status).toBe(201);
    const lock = await store.lock(centreId, 'gc-lock-receipt');
    try {
      expect(lock.receipt?.command).toBe(`${centreId}:issue`);
      expect((lock.receipt?.response as { ticket: { id: string } }).ticket.id).toBe(issued.body.ticket.id);
      expect([...lock.state.active.keys()]).toContain(issued.body.ticket.id);
    } finally {
      await lock.release();
    }
  });

  it('queue routes run without an ORM request context (their handlers fork when they must read); other routes keep theirs', async () => {
    const create = jest.spyOn(RequestContext, 'create');
    try {
      const token = await t.tokenFor('test:rc-clerk', { roles: ['clerk'], centre_ids: [centres[0]!] });
      const state = await t.request('GET', `/api/v1/queue/centres/${centres[0]}/state`, { token });
      expect(state.status).toBe(200);
      const issued = await t.request('POST', `/api/v1/queue/centres/${centres[0]}/tickets`, { token, body: { queueId: state.body.queues[0].id } });
      expect(issued.status).toBe(201);
      expect((await t.request('GET', `/api/v1/queue/track/${issued.body.trackingToken}`)).status).toBe(200);
      expect(create).not.toHaveBeenCalled();
      expect((await t.request('GET', '/api/v1/network/centres?q=Cēsu')).status).toBe(200);
      expect(create).toHaveBeenCalledTimes(1);
    } finally {
      create.mockRestore();
    }
  });
});

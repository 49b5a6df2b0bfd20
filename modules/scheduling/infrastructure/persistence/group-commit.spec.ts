import { GroupCommitter, type PendingCommit } from './group-commit';

/** The batching rules of the group commit (the database side is tested in test/e2e/queue-group-commit.e2e-spec.ts). */
describe('GroupCommitter', () => {
  /** A send that holds every message until released, recording what was sent. */
  function harness(options = { maxInFlight: 1, maxBatch: 64 }) {
    const sent: string[] = [];
    const open: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
    const sizes: number[] = [];
    const waits: number[][] = [];
    const roundTrips: number[] = [];
    const committer = new GroupCommitter(
      (sql) =>
        new Promise<void>((resolve, reject) => {
          sent.push(sql);
          open.push({ resolve, reject });
        }),
      (batch: readonly PendingCommit[]) => batch.map((c) => `${c.centreId}@${c.expectedSeq}`).join(','),
      options,
      (b) => {
        sizes.push(b.size);
        waits.push(b.waitedMs);
        roundTrips.push(b.sentMs);
      },
    );
    const settle = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    return { committer, sent, open, sizes, waits, roundTrips, settle };
  }
  const commit = (centreId: string, expectedSeq = 1): PendingCommit => ({ centreId, expectedSeq, nextSeq: expectedSeq + 1, statements: [] });
  /** Commits of centres a and b that waited behind a first one: the batch `a@1,b@1` is now in flight (h.open[1]). */
  async function batchOfTwo(h: ReturnType<typeof harness>): Promise<{ results: Promise<PromiseSettledResult<void>[]> }> {
    void h.committer.commit(commit('x'));
    const results = Promise.allSettled(['a', 'b'].map((c) => h.committer.commit(commit(c))));
    await h.settle();
    h.open[0]!.resolve();
    await h.settle();
    expect(h.sent[1]).toBe('a@1,b@1');
    return { results };
  }

  it('sends at once while a slot is free, and the commits that waited together, in centre order', async () => {
    const h = harness();
    const first = h.committer.commit(commit('c'));
    const waiting = ['z', 'a', 'm'].map((c) => h.committer.commit(commit(c)));
    await h.settle();
    expect(h.sent).toEqual(['c@1']);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the first transaction takes a while
    h.open[0]!.resolve();
    await first;
    await h.settle();
    expect(h.sent).toEqual(['c@1', 'a@1,m@1,z@1']);
    h.open[1]!.resolve();
    await Promise.all(waiting);
    expect(h.sizes).toEqual([1, 3]);
    // Metrics: the first went at once; the three waited for it (about as long as its round trip).
    expect(h.waits.map((w) => w.length)).toEqual([1, 3]);
    expect(h.waits[0]![0]).toBeLessThan(15);
    for (const w of h.waits[1]!) expect(w).toBeGreaterThanOrEqual(15);
    expect(h.roundTrips[0]).toBeGreaterThanOrEqual(15);
  });

  it('never puts two commits of one centre in a batch (the later waits for the next)', async () => {
    const h = harness();
    void h.committer.commit(commit('x', 1));
    const rest = [h.committer.commit(commit('a', 1)), h.committer.commit(commit('a', 2)), h.committer.commit(commit('b', 1))];
    await h.settle();
    h.open[0]!.resolve();
    await h.settle();
    expect(h.sent[1]).toBe('a@1,b@1');
    h.open[1]!.resolve();
    await h.settle();
    expect(h.sent[2]).toBe('a@2');
    h.open[2]!.resolve();
    await Promise.all(rest);
  });

  it('keeps to the batch size and the number in flight', async () => {
    const h = harness({ maxInFlight: 2, maxBatch: 2 });
    const all = ['a', 'b', 'c', 'd', 'e', 'f'].map((c) => h.committer.commit(commit(c)));
    await h.settle();
    expect(h.sent).toEqual(['a@1', 'b@1']); // two in flight, one commit each
    h.open[0]!.resolve();
    await h.settle();
    expect(h.sent).toEqual(['a@1', 'b@1', 'c@1,d@1']);
    h.open[1]!.resolve();
    h.open[2]!.resolve();
    await h.settle();
    expect(h.sent.slice(3)).toEqual(['e@1,f@1']);
    h.open[3]!.resolve();
    await Promise.all(all);
  });

  it('a batch the database rolled back is sent again one commit at a time; each gets its own answer', async () => {
    const h = harness();
    const { results } = await batchOfTwo(h);
    h.open[1]!.reject(Object.assign(new Error('stale'), { code: 'VQ001', rolledBack: true }));
    await h.settle();
    expect(h.sent.slice(2).sort()).toEqual(['a@1', 'b@1']);
    h.open[2]!.resolve();
    h.open[3]!.reject(Object.assign(new Error('stale'), { code: 'VQ001', rolledBack: true }));
    expect((await results).map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });

  it('a batch whose outcome is unknown (no rollback) fails every commit in it and is not re-sent', async () => {
    const h = harness();
    const { results } = await batchOfTwo(h);
    h.open[1]!.reject(new Error('Connection terminated unexpectedly'));
    expect((await results).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(h.sent).toHaveLength(2);
  });
});

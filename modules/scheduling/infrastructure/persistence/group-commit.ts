/**
 * Group commit for queue commands (ADR 0008): while the allowed number of commits is in flight,
 * the commits that arrive meanwhile wait and then go to PostgreSQL together, as ONE transaction
 * in one message. Each command's answer is still sent only after its own writes are durable — a
 * batch commits or fails as a whole — but under load PostgreSQL does one commit (one WAL flush,
 * one wake-up of one backend) for many commands instead of one each. With free slots a commit is
 * sent at once, so a lightly loaded server adds no waiting.
 *
 * Commands of one centre take turns (QueueCommandRunner), so a batch never holds two commits of
 * one centre; its seq checks lock the centres' rows in centre-id order (as every batch does), so
 * batches cannot deadlock each other. When a batch fails with an error PostgreSQL raised (a stale
 * seq, a duplicate request id, a deadlock with another instance…), the transaction was rolled
 * back and nothing of it was written: its commits are then sent again one by one, so each command
 * gets its own answer (and a stale one only its own StaleQueueStateError). An error without such
 * a rollback (the connection broke mid-commit: maybe committed, maybe not) fails every command of
 * the batch, as it would fail a single one.
 */

export interface PendingCommit {
  centreId: string;
  /** The centre's seq the command's state copy was built on. */
  expectedSeq: number;
  /** The centre's seq after the command (its last change's). */
  nextSeq: number;
  statements: string[];
}

export interface GroupCommitOptions {
  /** Transactions sent at the same time (each on its own connection). */
  maxInFlight: number;
  /** Commits in one transaction at most. */
  maxBatch: number;
}

/** Sends one simple-protocol message; on a failed statement rolls back and rethrows (`rolledBack`). */
export type SendCommit = (sql: string) => Promise<void>;

/** Marks an error after which the transaction is known to be rolled back (nothing written). */
export interface CommitFailure {
  code?: string;
  rolledBack?: boolean;
}

interface Waiting extends PendingCommit {
  /** performance.now() when the commit arrived. */
  queuedAt: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommitter {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly send: SendCommit,
    /** The whole message of one batch (the first statements check every centre's seq). */
    private readonly messageOf: (batch: readonly PendingCommit[]) => string,
    private readonly options: GroupCommitOptions,
    /** Called for every batch sent (metrics): its size, how long each of its commits waited for a free slot, and its round trip (ms). */
    private readonly observe: (batch: { size: number; waitedMs: number[]; sentMs: number }) => void = () => undefined,
  ) {}

  commit(pending: PendingCommit): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ ...pending, queuedAt: performance.now(), resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.takeBatch();
      this.inFlight++;
      void this.sendBatch(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The oldest waiting commits, at most one per centre (a centre's next commit waits for its previous). */
  private takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const centres = new Set<string>();
    for (let i = 0; i < this.waiting.length && batch.length < this.options.maxBatch; ) {
      const w = this.waiting[i]!;
      if (centres.has(w.centreId)) {
        i++;
        continue;
      }
      centres.add(w.centreId);
      batch.push(w);
      this.waiting.splice(i, 1);
    }
    return batch.sort((a, b) => (a.centreId < b.centreId ? -1 : a.centreId > b.centreId ? 1 : 0));
  }

  private async sendBatch(batch: Waiting[]): Promise<void> {
    const sentAt = performance.now();
    try {
      await this.send(this.messageOf(batch));
      this.observe({ size: batch.length, waitedMs: batch.map((w) => sentAt - w.queuedAt), sentMs: performance.now() - sentAt });
      for (const w of batch) w.resolve();
    } catch (err) {
      this.observe({ size: batch.length, waitedMs: batch.map((w) => sentAt - w.queuedAt), sentMs: performance.now() - sentAt });
      if (batch.length === 1 || !(err as CommitFailure).rolledBack) {
        for (const w of batch) w.reject(err);
        return;
      }
      // Nothing of the batch was written: each commit again on its own, for its own answer.
      await Promise.all(
        batch.map((w) =>
          this.send(this.messageOf([w])).then(
            () => w.resolve(),
            (e: unknown) => w.reject(e),
          ),
        ),
      );
    }
  }
}

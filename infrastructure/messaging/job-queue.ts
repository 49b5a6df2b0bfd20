import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { DATABASE_URL } from '../database/database-url.token';

export type JobHandler<T> = (job: { id: string; data: T }) => Promise<void>;

/**
 * The PostgreSQL job queue (pg-boss) shared by the platform and the modules: delayed jobs,
 * retries, cron. Started lazily by the first user; workers only where WORKERS_ENABLED.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private boss?: PgBoss;
  /** Job batches being handled right now. */
  private readonly running = new Set<Promise<void>>();
  private starting?: Promise<PgBoss>;
  private readonly queues = new Set<string>();

  constructor(
    private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  get workersEnabled(): boolean {
    return this.config.WORKERS_ENABLED;
  }

  async instance(): Promise<PgBoss> {
    if (this.boss) return this.boss;
    this.starting ??= (async () => {
      const boss = new PgBoss({
        connectionString: this.databaseUrl,
        schema: 'pgboss',
        max: 4,
        supervise: this.config.WORKERS_ENABLED,
        schedule: this.config.WORKERS_ENABLED,
        // A job whose worker died (SIGKILL, power loss) is retried once it expires: keep both short.
        maintenanceIntervalSeconds: 10,
      });
      boss.on('error', (err) => this.logger.error({ err }, 'job queue error'));
      await boss.start();
      this.boss = boss;
      return boss;
    })();
    return this.starting;
  }

  /** Jobs are short; one not finished within `expireInSeconds` (default 60) is presumed lost and retried. */
  async ensureQueue(name: string, options: Omit<PgBoss.Queue, 'name'> = {}): Promise<void> {
    if (this.queues.has(name)) return;
    const boss = await this.instance();
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, expireInSeconds: 60, retryLimit: 10, retryDelay: 2, retryBackoff: true, ...options });
    this.queues.add(name);
  }

  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
    await this.ensureQueue(name);
    return (await this.instance()).send(name, data, options);
  }

  /** Runs `handler` for each job (one transaction each, failures retried by pg-boss alone). */
  async work<T extends object>(name: string, handler: JobHandler<T>, options: { batchSize?: number; pollingIntervalSeconds?: number } = {}): Promise<string | undefined> {
    if (!this.workersEnabled) return undefined;
    await this.ensureQueue(name);
    const boss = await this.instance();
    return boss.work<T>(name, { batchSize: options.batchSize ?? 20, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 }, (jobs) => {
      const batch = (async () => {
        for (const job of jobs) {
          try {
            await handler({ id: job.id, data: job.data });
          } catch (err) {
            this.logger.warn({ err, queue: name }, 'job failed; will retry');
            await boss.fail(name, job.id, { message: err instanceof Error ? err.message : String(err) });
          }
        }
      })();
      this.running.add(batch);
      return batch.finally(() => this.running.delete(batch));
    });
  }

  async schedule(name: string, cron: string, data: object = {}): Promise<void> {
    if (!this.workersEnabled) return;
    await this.ensureQueue(name);
    await (await this.instance()).schedule(name, cron, data, { tz: 'Europe/Riga' });
  }

  async notify(workerId: string | undefined): Promise<void> {
    if (workerId && this.boss) this.boss.notifyWorker(workerId);
  }

  async size(name: string): Promise<number> {
    if (!this.queues.has(name)) return 0;
    return (await this.instance()).getQueueSize(name, { before: 'completed' });
  }

  /**
   * pg-boss waits up to 5 s for running jobs, then closes its connections and returns while a
   * longer handler (e.g. a clean-up waiting on an unreachable video gateway) still runs and its
   * worker's stop loop keeps polling: the process (or a test suite) would end under it. Wait for
   * our handlers too (at most 15 s more), then for that loop's next check.
   */
  async onApplicationShutdown(): Promise<void> {
    if (!this.boss) return;
    const busy = this.running.size > 0;
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
    if (!busy && this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => (timer = setTimeout(r, 15_000)))]);
    clearTimeout(timer);
    await new Promise((r) => setTimeout(r, 1_100));
  }
}

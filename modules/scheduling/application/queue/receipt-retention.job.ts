import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { JobQueue } from '@infrastructure/messaging/job-queue';

export const RECEIPT_RETENTION_QUEUE = 'scheduling-receipt-retention';
/** A retry with the same Idempotency-Key comes within seconds or minutes; a day is ample. */
export const RECEIPT_RETENTION_HOURS = 24;
const BATCH = 5_000;

/**
 * Hourly (pg-boss cron, one run across all instances): queue command receipts older than a day are
 * deleted. Every console command carries an Idempotency-Key, so at a national peak the table grows
 * by hundreds of rows a second; without this it would grow for ever. Deleted in small batches
 * (by the created_at index) so no long lock or transaction holds up the commands being committed.
 */
@Injectable()
export class ReceiptRetentionJob {
  private readonly logger = new Logger(ReceiptRetentionJob.name);

  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobQueue,
  ) {}

  async start(): Promise<void> {
    await this.jobs.work(RECEIPT_RETENTION_QUEUE, async () => {
      await this.purge(new Date());
    });
    await this.jobs.schedule(RECEIPT_RETENTION_QUEUE, '7 * * * *');
  }

  /** Deletes receipts stored before `now` − 24 h; returns how many. */
  async purge(now: Date, batch = BATCH): Promise<{ deleted: number }> {
    const before = new Date(now.getTime() - RECEIPT_RETENTION_HOURS * 3_600_000);
    const connection = this.em.getConnection();
    let deleted = 0;
    for (;;) {
      const rows = await connection.execute<Array<{ n: string }>>(
        `with gone as (
           delete from scheduling.command_receipt where request_id in (
             select request_id from scheduling.command_receipt where created_at < ? order by created_at limit ?)
           returning 1)
         select count(*)::text as n from gone`,
        [before, batch],
      );
      const n = Number(rows[0]?.n ?? 0);
      deleted += n;
      if (n < batch) break;
    }
    if (deleted > 0) this.logger.log({ deleted }, 'queue command receipts older than a day deleted');
    return { deleted };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { JobQueue } from '@infrastructure/messaging/job-queue';
import { Application } from '../../domain/application/application';
import { DEFAULT_RETENTION_POLICY, isRetentionDue, type RetentionPolicy } from '../../domain/application/retention-policy';
import { EFormVersion } from '../../domain/eform';
import { AttachmentContent } from '../../infrastructure/persistence';

const RETENTION_QUEUE = 'intake-retention';

/**
 * Daily: applications past their retention date lose their personal data (applicant, sensitive
 * answers, attachments); an anonymised record stays for statistics.
 */
@Injectable()
export class RetentionJob {
  private readonly logger = new Logger(RetentionJob.name);

  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobQueue,
  ) {}

  async start(): Promise<void> {
    await this.jobs.work(RETENTION_QUEUE, async () => {
      await this.run(new Date());
    });
    await this.jobs.schedule(RETENTION_QUEUE, '15 2 * * *');
  }

  async run(now: Date, policy: RetentionPolicy = DEFAULT_RETENTION_POLICY): Promise<{ anonymised: number }> {
    const em = this.em.fork();
    const candidates = await em.find(Application, { anonymisedAt: null, status: { $in: ['closed', 'withdrawn', 'draft'] } }, { limit: 1000 });
    let anonymised = 0;
    for (const app of candidates) {
      if (!isRetentionDue(app, policy, now)) continue;
      await em.transactional(async (tx) => {
        const version = await tx.findOneOrFail(EFormVersion, { id: app.formVersionId });
        const fresh = await tx.findOneOrFail(Application, { id: app.id });
        fresh.anonymise(version.sensitiveFields, now);
        await tx.nativeDelete(AttachmentContent, { applicationId: app.id });
        await tx.flush();
      });
      anonymised++;
    }
    if (anonymised > 0) this.logger.log({ anonymised }, 'retention: personal data removed');
    return { anonymised };
  }
}

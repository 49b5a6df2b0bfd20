import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { AppConfig } from '@infrastructure/config/app-config';
import { JobQueue } from '@infrastructure/messaging/job-queue';
import { Application } from '../../domain/application/application';
import { isRetentionDue, parseRetentionPolicies, retentionPolicyFor, type RetentionPolicies } from '../../domain/application/retention-policy';
import { EFormVersion } from '../../domain/eform';
import { AttachmentContent } from '../../infrastructure/persistence';

const RETENTION_QUEUE = 'intake-retention';
const BATCH_SIZE = 500;

/**
 * Daily: applications past their retention date (per institution and outcome, INTAKE_RETENTION_DAYS)
 * lose their personal data (applicant, sensitive answers, attachments); an anonymised record stays
 * for statistics.
 */
@Injectable()
export class RetentionJob {
  private readonly logger = new Logger(RetentionJob.name);
  readonly policies: RetentionPolicies;

  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobQueue,
    config: AppConfig,
  ) {
    this.policies = parseRetentionPolicies(config.INTAKE_RETENTION_DAYS);
  }

  async start(): Promise<void> {
    await this.jobs.work(RETENTION_QUEUE, async () => {
      await this.run(new Date());
    });
    await this.jobs.schedule(RETENTION_QUEUE, '15 2 * * *');
  }

  /**
   * Walks every finished (or draft) application not yet anonymised, in pages by id, so that
   * applications not yet due never hide due ones behind them.
   */
  async run(now: Date, options: { policies?: RetentionPolicies; batchSize?: number } = {}): Promise<{ anonymised: number }> {
    const policies = options.policies ?? this.policies;
    const batchSize = options.batchSize ?? BATCH_SIZE;
    let anonymised = 0;
    let after: string | null = null;
    for (;;) {
      const em = this.em.fork();
      const page: Application[] = await em.find(
        Application,
        { anonymisedAt: null, status: { $in: ['closed', 'withdrawn', 'draft'] }, ...(after ? { id: { $gt: after } } : {}) },
        { orderBy: { id: 'asc' }, limit: batchSize },
      );
      for (const app of page) {
        const policy = retentionPolicyFor(policies, app.institutionCode);
        if (!isRetentionDue(app, policy, now)) continue;
        const done = await em.transactional(async (tx) => {
          // Read again under a lock: a draft may have been submitted since the page was read.
          const fresh = await tx.findOneOrFail(Application, { id: app.id }, { refresh: true, lockMode: LockMode.PESSIMISTIC_WRITE });
          if (fresh.anonymisedAt || !isRetentionDue(fresh, policy, now)) return false;
          const version = await tx.findOneOrFail(EFormVersion, { id: app.formVersionId });
          fresh.anonymise(version.sensitiveFields, now);
          await tx.nativeDelete(AttachmentContent, { applicationId: app.id });
          await tx.flush();
          return true;
        });
        if (done) anonymised++;
      }
      if (page.length < batchSize) break;
      after = page[page.length - 1]!.id;
    }
    if (anonymised > 0) this.logger.log({ anonymised }, 'retention: personal data removed');
    return { anonymised };
  }
}

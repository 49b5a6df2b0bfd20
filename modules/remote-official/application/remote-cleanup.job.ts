import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '@infrastructure/messaging/job-queue';
import { RemoteOfficialService } from './remote-official.service';

export const REMOTE_CLEANUP_QUEUE = 'remote-official-cleanup';

/**
 * Every minute (pg-boss cron, one run across all instances): abandoned sessions, leftover rooms and
 * tokens, vanished rooms — see RemoteOfficialService.cleanup.
 */
@Injectable()
export class RemoteCleanupJob {
  private readonly logger = new Logger(RemoteCleanupJob.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly remote: RemoteOfficialService,
  ) {}

  async start(): Promise<void> {
    await this.jobs.work(REMOTE_CLEANUP_QUEUE, async () => {
      await this.remote.cleanup();
    });
    await this.jobs.schedule(REMOTE_CLEANUP_QUEUE, '* * * * *');
    this.logger.debug('remote session clean-up scheduled');
  }
}

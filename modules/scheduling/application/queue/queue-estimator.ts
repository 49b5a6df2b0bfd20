import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { estimateWait, periodDurations, type Desk, type ServiceQueue, type TicketPeriod } from '../../domain/queue';
import { rigaHourOf } from '@modules/shared-kernel';

const DEFAULT_SERVICE_MINUTES = 12;
const CACHE_MS = 60_000;

interface Samples {
  at: number;
  byQueue: Map<string, Array<{ hour: number; minutes: number }>>;
}

/** Wait ranges from recent real service times (per queue and hour of day) and staffed desks. */
@Injectable()
export class QueueEstimator {
  private readonly cache = new Map<string, Samples>();

  /** `em` may be a factory: a fork is made only when the samples must be read (every minute per centre). */
  async samples(emOrFork: EntityManager | (() => EntityManager), centreId: string): Promise<Samples> {
    const cached = this.cache.get(centreId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached;
    const em = typeof emOrFork === 'function' ? emOrFork() : emOrFork;
    const rows = await em.getConnection().execute<Array<{ queue_id: string; periods: TicketPeriod[] }>>(
      `select queue_id, periods from scheduling.ticket
        where centre_id = ? and status = 'finished' and closed_at > now() - interval '14 days'
        order by closed_at desc limit 400`,
      [centreId],
      'all',
      // Inside a command's transaction: use its connection, never a second one from the pool.
      em.isInTransaction() ? em.getTransactionContext() : undefined,
    );
    const byQueue = new Map<string, Array<{ hour: number; minutes: number }>>();
    for (const row of rows) {
      const periods = row.periods.map((p) => ({ ...p, startedAt: new Date(p.startedAt), endedAt: p.endedAt ? new Date(p.endedAt) : undefined }));
      const serving = periods.find((p) => p.state === 'serving');
      if (!serving) continue;
      const minutes = periodDurations({ periods }).serviceMs / 60_000;
      if (minutes <= 0) continue;
      const hour = rigaHourOf(serving.startedAt);
      byQueue.set(row.queue_id, [...(byQueue.get(row.queue_id) ?? []), { hour, minutes }]);
    }
    const samples = { at: Date.now(), byQueue };
    this.cache.set(centreId, samples);
    return samples;
  }

  estimate(samples: Samples, queue: ServiceQueue, desks: Desk[], position: number, now = new Date()): { minMinutes: number; maxMinutes: number | null } {
    const hour = rigaHourOf(now);
    const all = samples.byQueue.get(queue.id) ?? [];
    const sameHour = all.filter((s) => Math.abs(s.hour - hour) <= 1).map((s) => s.minutes);
    const serviceMinutesSamples = sameHour.length >= 5 ? sameHour : all.map((s) => s.minutes);
    const staffedDesks = desks.filter((d) => d.state === 'open' && d.queueIds.includes(queue.id)).length;
    const { minMinutes, maxMinutes } = estimateWait({ position, serviceMinutesSamples, staffedDesks, defaultServiceMinutes: DEFAULT_SERVICE_MINUTES });
    return { minMinutes, maxMinutes };
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { estimateWait, periodDurations, type Desk, type ServiceQueue, type TicketPeriod } from '../../domain/queue';
import { rigaHourOf } from '@modules/shared-kernel';

const DEFAULT_SERVICE_MINUTES = 12;
const CACHE_MS = 60_000;

type Sample = { hour: number; minutes: number };

export interface Samples {
  at: number;
  byQueue: Map<string, Sample[]>;
  /** By the visit's first service (what it came for): a ticket's own service predicts its time best. */
  byService: Map<string, Sample[]>;
}

/** Enough samples within an hour of now to use them instead of the whole day's. */
const SAME_HOUR_MIN = 5;

/**
 * Recent service times to estimate from, most specific first: the ticket's service within an hour
 * of now, then its queue within an hour of now, then the service and the queue at any hour; none
 * (the default service time) when there are fewer than MIN_SERVICE_SAMPLES of each.
 */
export function serviceMinutesFor(samples: Samples, queueId: string, serviceCode: string | undefined, hour: number): number[] {
  const service = serviceCode ? (samples.byService.get(serviceCode) ?? []) : [];
  const queue = samples.byQueue.get(queueId) ?? [];
  const near = (list: Sample[]) => list.filter((s) => Math.abs(s.hour - hour) <= 1).map((s) => s.minutes);
  for (const candidate of [near(service), near(queue)]) if (candidate.length >= SAME_HOUR_MIN) return candidate;
  for (const candidate of [service, queue]) if (candidate.length >= SAME_HOUR_MIN) return candidate.map((s) => s.minutes);
  return queue.map((s) => s.minutes);
}

/** Wait ranges from recent real service times (per service or queue, and hour of day) and staffed desks. */
@Injectable()
export class QueueEstimator {
  private readonly cache = new Map<string, Samples>();

  /** `em` may be a factory: a fork is made only when the samples must be read (every minute per centre). */
  async samples(emOrFork: EntityManager | (() => EntityManager), centreId: string): Promise<Samples> {
    const cached = this.cache.get(centreId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached;
    const em = typeof emOrFork === 'function' ? emOrFork() : emOrFork;
    const rows = await em.getConnection().execute<Array<{ queue_id: string; service_code: string | null; periods: TicketPeriod[] }>>(
      `select queue_id, requests->0->>'serviceCode' as service_code, periods from scheduling.ticket
        where centre_id = ? and status = 'finished' and closed_at > now() - interval '14 days'
        order by closed_at desc limit 400`,
      [centreId],
      'all',
      // Inside a command's transaction: use its connection, never a second one from the pool.
      em.isInTransaction() ? em.getTransactionContext() : undefined,
    );
    const byQueue = new Map<string, Sample[]>();
    const byService = new Map<string, Sample[]>();
    for (const row of rows) {
      const periods = row.periods.map((p) => ({ ...p, startedAt: new Date(p.startedAt), endedAt: p.endedAt ? new Date(p.endedAt) : undefined }));
      const serving = periods.find((p) => p.state === 'serving');
      if (!serving) continue;
      const minutes = periodDurations({ periods }).serviceMs / 60_000;
      if (minutes <= 0) continue;
      const hour = rigaHourOf(serving.startedAt);
      byQueue.set(row.queue_id, [...(byQueue.get(row.queue_id) ?? []), { hour, minutes }]);
      if (row.service_code) byService.set(row.service_code, [...(byService.get(row.service_code) ?? []), { hour, minutes }]);
    }
    const samples = { at: Date.now(), byQueue, byService };
    this.cache.set(centreId, samples);
    return samples;
  }

  /** For a ticket, pass its (first) service: its own service's times are used when there are enough. */
  estimate(samples: Samples, queue: ServiceQueue, desks: Desk[], position: number, now = new Date(), serviceCode?: string): { minMinutes: number; maxMinutes: number | null } {
    const serviceMinutesSamples = serviceMinutesFor(samples, queue.id, serviceCode, rigaHourOf(now));
    const staffedDesks = desks.filter((d) => d.state === 'open' && d.queueIds.includes(queue.id)).length;
    const { minMinutes, maxMinutes } = estimateWait({ position, serviceMinutesSamples, staffedDesks, defaultServiceMinutes: DEFAULT_SERVICE_MINUTES });
    return { minMinutes, maxMinutes };
  }
}

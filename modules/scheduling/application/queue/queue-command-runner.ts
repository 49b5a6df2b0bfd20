import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { integrationEvent, invalid } from '@modules/shared-kernel';
import type { Principal } from '@infrastructure/auth/principal';
import { Outbox } from '@infrastructure/messaging/outbox';
import { Desk, positionOf } from '../../domain/queue';
import { QueueEstimator } from './queue-estimator';
import type { TrackUpdate } from './queue-broadcaster';
import { QueueEvents, SCHEDULING_MODULE, type QueueChange, type TicketApproachingPayload } from '../../contracts';
import { CentreQueueSettings } from '../../infrastructure/persistence';
import { QueueBroadcaster, type CommittedQueueChanges } from './queue-broadcaster';
import { QueueUnitOfWork } from './queue-unit-of-work';

export interface QueueCommandContext {
  centreId: string;
  actor: Principal | { subject: string };
  /** Client-supplied id: a retried command returns the first answer and changes nothing. */
  requestId?: string;
  command: string;
}

/**
 * Runs one queue command: serialised per centre (advisory lock), idempotent by request id, all
 * changes + integration events + the centre's sequence number in one transaction, then pushed to
 * every console, display and tracker of the centre.
 */
@Injectable()
export class QueueCommandRunner {
  private readonly logger = new Logger(QueueCommandRunner.name);
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
    private readonly broadcaster: QueueBroadcaster,
    private readonly estimator: QueueEstimator,
  ) {}

  async run<T>(ctx: QueueCommandContext, work: (uow: QueueUnitOfWork) => Promise<T>): Promise<T> {
    // Commands of one centre wait their turn here, in this process, without holding a database
    // connection; the advisory lock below still orders them across instances.
    const previous = this.turns.get(ctx.centreId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const turn = previous.then(() => mine);
    this.turns.set(ctx.centreId, turn);
    await previous;
    try {
      return await this.runInTransaction(ctx, work);
    } finally {
      release();
      if (this.turns.get(ctx.centreId) === turn) this.turns.delete(ctx.centreId);
    }
  }

  private async runInTransaction<T>(ctx: QueueCommandContext, work: (uow: QueueUnitOfWork) => Promise<T>): Promise<T> {
    const outcome = await this.em.fork().transactional(async (em) => {
      const conn = em.getConnection();
      const tx = em.getTransactionContext();
      await conn.execute(`select pg_advisory_xact_lock(hashtextextended('queue:' || ?, 0))`, [ctx.centreId], 'all', tx);
      if (ctx.requestId) {
        const [receipt] = await conn.execute<Array<{ command: string; response: T }>>(
          'select command, response from scheduling.command_receipt where request_id = ?',
          [ctx.requestId],
          'all',
          tx,
        );
        if (receipt) {
          if (receipt.command !== `${ctx.centreId}:${ctx.command}`) {
            throw invalid('QUEUE.REQUEST_ID_REUSED', 'Šis pieprasījuma identifikators jau izmantots citai darbībai', 'This request id was already used for another command');
          }
          return { result: receipt.response, committed: null };
        }
      }
      const settings = await loadSettings(em, ctx.centreId);
      const uow = new QueueUnitOfWork(em, ctx.centreId, new Date(), settings);
      const result = await work(uow);
      await em.flush();
      await this.stageApproaching(uow);
      const firstSeq = Number(settings.seq) + 1;
      const count = uow.changes.length;
      if (count > 0) {
        await conn.execute('update scheduling.centre_queue_settings set seq = seq + ? where centre_id = ?', [count, ctx.centreId], 'run', tx);
      }
      const at = uow.now.toISOString();
      const changes: QueueChange[] = uow.changes.map((c, i) => ({ centreId: ctx.centreId, seq: firstSeq + i, at, ...c }));
      const lastSeq = firstSeq + count - 1;
      this.outbox.stage(em, ...uow.events);
      await em.flush();
      if (ctx.requestId) {
        await conn.execute(
          'insert into scheduling.command_receipt (request_id, centre_id, actor, command, response) values (?, ?, ?, ?, ?)',
          [ctx.requestId, ctx.centreId, ctx.actor.subject, `${ctx.centreId}:${ctx.command}`, JSON.stringify(result ?? null)],
          'run',
          tx,
        );
      }
      const committed: CommittedQueueChanges = {
        centreId: ctx.centreId,
        changes,
        calls: uow.calls.map((c) => ({ ...c, at, seq: lastSeq })),
        track: await this.trackViews(uow),
        displayChanged: changes.length > 0,
      };
      return { result, committed };
    });
    if (outcome.committed) {
      if (outcome.committed.changes.length > 0) this.outbox.nudge();
      this.broadcaster.publish(outcome.committed).catch((err: unknown) => this.logger.error({ err }, 'queue broadcast failed'));
    }
    return outcome.result as T;
  }

  private async trackViews(uow: QueueUnitOfWork): Promise<TrackUpdate[]> {
    if (uow.trackedAfter.size === 0) return [];
    const [active, queues, desks, samples] = await Promise.all([uow.activeTickets(), uow.queues(), uow.em.find(Desk, { centreId: uow.centreId }), this.estimator.samples(uow.em, uow.centreId)]);
    const waiting = active.filter((t) => t.status === 'waiting');
    const updatedAt = uow.now.toISOString();
    return [...uow.trackedAfter.values()].map((t) => {
      const position = t.status === 'waiting' ? positionOf(t, waiting) : null;
      const queue = queues.find((q) => q.id === t.queueId);
      const estimate = position !== null && queue ? this.estimator.estimate(samples, queue, desks, position, uow.now) : null;
      const deskNumber = (t.status === 'called' || t.status === 'serving') && t.deskId ? (desks.find((d) => d.id === t.deskId)?.number ?? null) : null;
      return { trackingToken: t.trackingToken, view: { number: t.number, status: t.status, position, estimate, deskNumber, updatedAt } };
    });
  }

  /**
   * Tickets whose place in line changed are refreshed on their trackers; a ticket that reaches the
   * centre's notification place for the first time produces TicketApproaching (once, ever).
   */
  private async stageApproaching(uow: QueueUnitOfWork): Promise<void> {
    if (uow.touchedQueueIds.size === 0) return;
    const active = await uow.activeTickets();
    const waiting = active.filter((t) => t.status === 'waiting');
    const candidates = waiting.filter((t) => uow.touchedQueueIds.has(t.queueId));
    for (const t of [...candidates, ...uow.touchedTickets.values()]) uow.trackedAfter.set(t.id, t);
    const limit = uow.settings.notifyAtPosition;
    if (limit <= 0) return;
    for (const ticket of candidates) {
      const position = positionOf(ticket, waiting);
      if (position === null || position > limit) continue;
      const inserted = await uow.em
        .getConnection()
        .execute('insert into scheduling.ticket_notification (ticket_id) values (?) on conflict do nothing returning ticket_id', [ticket.id], 'all', uow.em.getTransactionContext());
      if ((inserted as unknown[]).length === 0) continue;
      const payload: TicketApproachingPayload = {
        ticketId: ticket.id,
        centreId: ticket.centreId,
        queueId: ticket.queueId,
        number: ticket.number,
        serviceDay: ticket.serviceDay,
        position,
        trackingToken: ticket.trackingToken,
      };
      uow.publish(integrationEvent(SCHEDULING_MODULE, QueueEvents.TicketApproaching, payload, ticket.id, uow.now));
    }
  }
}

export async function loadSettings(em: EntityManager, centreId: string): Promise<CentreQueueSettings> {
  let settings = await em.findOne(CentreQueueSettings, { centreId });
  if (!settings) {
    settings = Object.assign(new CentreQueueSettings(), { centreId });
    await em.getConnection().execute('insert into scheduling.centre_queue_settings (centre_id, seq, recall_delay_seconds, max_calls, undo_window_seconds, notify_at_position) values (?, 0, ?, ?, ?, ?) on conflict do nothing', [centreId, settings.recallDelaySeconds, settings.maxCalls, settings.undoWindowSeconds, settings.notifyAtPosition], 'run', em.getTransactionContext());
    settings = await em.findOneOrFail(CentreQueueSettings, { centreId });
  }
  return settings;
}

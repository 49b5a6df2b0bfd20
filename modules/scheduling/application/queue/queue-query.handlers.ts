import { QueryHandler, QueryBus, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@modules/shared-kernel';
import { GetCentreQuery } from '@modules/network';
import { Desk, positionOf, ServiceQueue, Ticket } from '../../domain/queue';
import type { CentreQueueSnapshot, DisplayState, TrackView } from '../../contracts';
import { assertMaySeeCentreQueue } from './queue-access';
import { loadSettings } from './queue-command-runner';
import { QueueEstimator } from './queue-estimator';
import { FindTicketCentreQuery, GetCentreQueueStateQuery, GetDisplayStateQuery, TrackTicketQuery } from './queue-queries';
import { toDeskView, toTicketView } from './queue-views.mapper';

const ACTIVE = ['waiting', 'called', 'serving', 'parked'] as Ticket['status'][];

/** A consistent picture of a centre's queue with its sequence number (taken under the centre's lock). */
@QueryHandler(GetCentreQueueStateQuery)
export class GetCentreQueueStateHandler implements IQueryHandler<GetCentreQueueStateQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly estimator: QueueEstimator,
  ) {}

  async execute(q: GetCentreQueueStateQuery): Promise<CentreQueueSnapshot> {
    if (q.actor) assertMaySeeCentreQueue(q.actor, q.centreId);
    return this.em.fork().transactional(async (em) => {
      await em.getConnection().execute(`select pg_advisory_xact_lock(hashtextextended('queue:' || ?, 0))`, [q.centreId], 'all', em.getTransactionContext());
      const settings = await loadSettings(em, q.centreId);
      const [queues, desks, tickets] = await Promise.all([
        em.find(ServiceQueue, { centreId: q.centreId }, { orderBy: { sortOrder: 'asc', prefix: 'asc' } }),
        em.find(Desk, { centreId: q.centreId }, { orderBy: { number: 'asc' } }),
        em.find(Ticket, { centreId: q.centreId, status: { $in: ACTIVE } }),
      ]);
      const waiting = tickets.filter((t) => t.status === 'waiting');
      const samples = await this.estimator.samples(em, q.centreId);
      return {
        centreId: q.centreId,
        seq: Number(settings.seq),
        at: new Date().toISOString(),
        queues: queues.map((queue) => {
          const count = waiting.filter((t) => t.queueId === queue.id).length;
          return {
            id: queue.id,
            prefix: queue.prefix,
            nameLv: queue.nameLv,
            nameEn: queue.nameEn,
            serviceCodes: queue.serviceCodes,
            waiting: count,
            estimate: queue.active ? this.estimator.estimate(samples, queue, desks, count) : null,
          };
        }),
        desks: desks.map(toDeskView),
        tickets: tickets.map((t) => toTicketView(t, t.status === 'waiting' ? positionOf(t, waiting) : null, settings.undoWindowSeconds)),
        settings: { recallDelaySeconds: settings.recallDelaySeconds, maxCalls: settings.maxCalls, undoWindowSeconds: settings.undoWindowSeconds, message: settings.message ?? null },
      };
    });
  }
}

@QueryHandler(GetDisplayStateQuery)
export class GetDisplayStateHandler implements IQueryHandler<GetDisplayStateQuery> {
  // A centre's display name rarely changes; a board refresh should not read it three times over.
  private readonly centreNames = new Map<string, string>();

  constructor(
    private readonly em: EntityManager,
    private readonly queries: QueryBus,
  ) {}

  async execute(q: GetDisplayStateQuery): Promise<DisplayState> {
    const em = this.em.fork();
    const settings = await loadSettings(em, q.centreId);
    if (!this.centreNames.has(q.centreId)) this.centreNames.set(q.centreId, (await this.queries.execute(new GetCentreQuery(q.centreId)))?.shortName ?? '');
    const centreName = this.centreNames.get(q.centreId)!;
    const queues = await em.find(ServiceQueue, { centreId: q.centreId, active: true }, { orderBy: { sortOrder: 'asc' } });
    const counts = await em.getConnection().execute<Array<{ queue_id: string; n: string }>>(
      `select queue_id, count(*) as n from scheduling.ticket where centre_id = ? and status = 'waiting' group by queue_id`,
      [q.centreId],
    );
    const called = await em.getConnection().execute<Array<{ number: string; desk_number: string; last_called_at: Date }>>(
      `select t.number, d.number as desk_number, t.last_called_at from scheduling.ticket t join scheduling.desk d on d.id = t.desk_id
        where t.centre_id = ? and t.last_called_at > now() - interval '12 hours' order by t.last_called_at desc limit 8`,
      [q.centreId],
    );
    return {
      centreId: q.centreId,
      seq: Number(settings.seq),
      centreName,
      message: settings.message ?? null,
      lastCalled: called.map((c) => ({ number: c.number, deskNumber: c.desk_number, at: new Date(c.last_called_at).toISOString(), recall: false })),
      waiting: queues.map((queue) => ({ prefix: queue.prefix, nameLv: queue.nameLv, nameEn: queue.nameEn, count: Number(counts.find((c) => c.queue_id === queue.id)?.n ?? 0) })),
    };
  }
}

/** The public "my place in line": by the unguessable tracking token, no personal data. */
@QueryHandler(TrackTicketQuery)
export class TrackTicketHandler implements IQueryHandler<TrackTicketQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly estimator: QueueEstimator,
    private readonly queries: QueryBus,
  ) {}

  async execute(q: TrackTicketQuery): Promise<TrackView> {
    const em = this.em.fork();
    const ticket = /^[A-Za-z0-9_-]{20,64}$/.test(q.trackingToken) ? await em.findOne(Ticket, { trackingToken: q.trackingToken }) : null;
    if (!ticket) throw notFound('QUEUE.TICKET_NOT_FOUND', 'Biļete nav atrasta', 'Ticket not found');
    const centre = await this.queries.execute(new GetCentreQuery(ticket.centreId));
    let position: number | null = null;
    let estimate: TrackView['estimate'] = null;
    let deskNumber: string | null = null;
    if (ticket.status === 'waiting') {
      const waiting = await em.find(Ticket, { centreId: ticket.centreId, status: 'waiting' });
      position = positionOf(ticket, waiting);
      const [queue, desks] = await Promise.all([em.findOneOrFail(ServiceQueue, { id: ticket.queueId }), em.find(Desk, { centreId: ticket.centreId })]);
      estimate = this.estimator.estimate(await this.estimator.samples(em, ticket.centreId), queue, desks, position ?? 0);
    }
    if ((ticket.status === 'called' || ticket.status === 'serving') && ticket.deskId) {
      deskNumber = (await em.findOne(Desk, { id: ticket.deskId }))?.number ?? null;
    }
    return {
      number: ticket.number,
      status: ticket.status,
      position,
      estimate,
      deskNumber,
      centreName: centre?.shortName ?? '',
      updatedAt: new Date().toISOString(),
    };
  }
}

@QueryHandler(FindTicketCentreQuery)
export class FindTicketCentreHandler implements IQueryHandler<FindTicketCentreQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: FindTicketCentreQuery): Promise<string | null> {
    const ticket = await this.em.fork().findOne(Ticket, { trackingToken: q.trackingToken }, { fields: ['centreId'] });
    return ticket?.centreId ?? null;
  }
}

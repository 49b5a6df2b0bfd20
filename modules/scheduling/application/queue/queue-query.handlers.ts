import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@modules/shared-kernel';
import { AuditTrail } from '@infrastructure/audit/audit-trail.service';
import { CentreNames } from './centre-names';
import { trackedTicket } from './tracking-index';
import { positionOf, Ticket } from '../../domain/queue';
import type { CentreQueueSnapshot, CounterState, DisplayState, TicketDetailView, TrackView } from '../../contracts';
import { assertMaySeeCentreQueue, mayReadVisitNotes } from './queue-access';
import { QueueStateStore } from '../../infrastructure/persistence';
import { QueueEstimator } from './queue-estimator';
import { FindTicketCentreQuery, GetCentreQueueStateQuery, GetCounterStateQuery, GetDisplayStateQuery, GetTicketDetailQuery, TrackTicketQuery } from './queue-queries';
import { centreOfTicket } from './centre-of';
import { toClerkTicketView, toDeskView, toTicketDetailView, toTicketView } from './queue-views.mapper';

/** A consistent picture of a centre's queue with its sequence number (from the centre's live state). */
@QueryHandler(GetCentreQueueStateQuery)
export class GetCentreQueueStateHandler implements IQueryHandler<GetCentreQueueStateQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly store: QueueStateStore,
    private readonly estimator: QueueEstimator,
  ) {}

  async execute(q: GetCentreQueueStateQuery): Promise<CentreQueueSnapshot> {
    if (q.actor) assertMaySeeCentreQueue(q.actor, q.centreId);
    // The visit notes only for the centre's own clerks (not for oversight, nor without an actor).
    const view = q.actor && mayReadVisitNotes(q.actor, q.centreId) ? toClerkTicketView : toTicketView;
    const samples = await this.estimator.samples(() => this.em.fork(), q.centreId);
    // Taken after the samples, with no await in between: one state, one seq.
    const state = await this.store.fresh(q.centreId);
    const { settings } = state;
    const queues = state.queues;
    const desks = [...state.desks.values()].sort((a, b) => a.number.localeCompare(b.number, 'lv', { numeric: true }));
    const tickets = [...state.active.values()];
    const waiting = tickets.filter((t) => t.status === 'waiting');
    return {
      centreId: q.centreId,
      seq: state.seq,
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
      tickets: tickets.map((t) => view(t, t.status === 'waiting' ? positionOf(t, waiting) : null, settings.undoWindowSeconds)),
      settings: { recallDelaySeconds: settings.recallDelaySeconds, maxCalls: settings.maxCalls, undoWindowSeconds: settings.undoWindowSeconds, message: settings.message ?? null },
    };
  }
}

@QueryHandler(GetDisplayStateQuery)
export class GetDisplayStateHandler implements IQueryHandler<GetDisplayStateQuery> {
  constructor(
    private readonly store: QueueStateStore,
    private readonly centreNames: CentreNames,
  ) {}

  async execute(q: GetDisplayStateQuery): Promise<DisplayState> {
    const centreName = await this.centreNames.of(q.centreId);
    const state = await this.store.fresh(q.centreId);
    const counts = new Map<string, number>();
    for (const t of state.active.values()) if (t.status === 'waiting') counts.set(t.queueId, (counts.get(t.queueId) ?? 0) + 1);
    const since = Date.now() - 12 * 3_600_000;
    return {
      centreId: q.centreId,
      seq: state.seq,
      centreName,
      message: state.settings.message ?? null,
      lastCalled: state.recentCalls.filter((c) => c.at.getTime() > since).map((c) => ({ number: c.number, deskNumber: c.deskNumber, at: c.at.toISOString(), recall: false })),
      waiting: state.queues.filter((queue) => queue.active).map((queue) => ({ prefix: queue.prefix, nameLv: queue.nameLv, nameEn: queue.nameEn, count: counts.get(queue.id) ?? 0 })),
    };
  }
}

/** The public "my place in line": by the unguessable tracking token, no personal data. */
@QueryHandler(TrackTicketQuery)
export class TrackTicketHandler implements IQueryHandler<TrackTicketQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly store: QueueStateStore,
    private readonly estimator: QueueEstimator,
    private readonly centreNames: CentreNames,
  ) {}

  /** A ticket this instance issued: its id and centre without a database read. */
  private known(token: string): { id: string; centreId: string } | null {
    const hit = trackedTicket(token);
    return hit ? { id: hit.ticketId, centreId: hit.centreId } : null;
  }

  async execute(q: TrackTicketQuery): Promise<TrackView> {
    const em = this.em.fork();
    const found = /^[A-Za-z0-9_-]{20,64}$/.test(q.trackingToken) ? (this.known(q.trackingToken) ?? (await em.findOne(Ticket, { trackingToken: q.trackingToken }, { fields: ['id', 'centreId'] }))) : null;
    if (!found) throw notFound('QUEUE.TICKET_NOT_FOUND', 'Biļete nav atrasta', 'Ticket not found');
    const centreName = await this.centreNames.of(found.centreId);
    const samples = await this.estimator.samples(em, found.centreId);
    const state = await this.store.fresh(found.centreId);
    const ticket = state.active.get(found.id) ?? (await this.store.closedTicket(found.centreId, found.id));
    if (!ticket) throw notFound('QUEUE.TICKET_NOT_FOUND', 'Biļete nav atrasta', 'Ticket not found');
    const desks = [...state.desks.values()];
    let position: number | null = null;
    let estimate: TrackView['estimate'] = null;
    let deskNumber: string | null = null;
    if (ticket.status === 'waiting') {
      const waiting = [...state.active.values()].filter((t) => t.status === 'waiting');
      position = positionOf(ticket, waiting);
      const queue = state.queues.find((x) => x.id === ticket.queueId);
      if (queue) estimate = this.estimator.estimate(samples, queue, desks, position ?? 0, new Date(), ticket.requests[0]?.serviceCode);
    }
    if ((ticket.status === 'called' || ticket.status === 'serving') && ticket.deskId) {
      deskNumber = state.desks.get(ticket.deskId)?.number ?? null;
    }
    return {
      seq: state.seq,
      number: ticket.number,
      status: ticket.status,
      position,
      estimate,
      deskNumber,
      centreName,
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

/**
 * A visit in full: its services, every period with desk and clerk (what a clerk needs to mark a
 * wrong timing), the outcome. The centre's clerks also see the notes and the citizen (as given at
 * issue, the personal code masked); administrators and auditors neither. Active tickets from the
 * live state, closed ones from the database.
 */
@QueryHandler(GetTicketDetailQuery)
export class GetTicketDetailHandler implements IQueryHandler<GetTicketDetailQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly store: QueueStateStore,
    private readonly audit: AuditTrail,
  ) {}

  async execute(q: GetTicketDetailQuery): Promise<TicketDetailView> {
    const centreId = await centreOfTicket(() => this.em.fork(), q.ticketId);
    assertMaySeeCentreQueue(q.actor, centreId);
    const state = await this.store.fresh(centreId);
    const ticket = state.active.get(q.ticketId) ?? (await this.store.closedTicket(centreId, q.ticketId));
    if (!ticket) throw notFound('QUEUE.TICKET_NOT_FOUND', 'Biļete nav atrasta', 'Ticket not found');
    const waiting = [...state.active.values()].filter((t) => t.status === 'waiting');
    const position = ticket.status === 'waiting' ? positionOf(ticket, waiting) : null;
    const deskNumbers = new Map([...state.desks.values()].map((d) => [d.id, d.number]));
    const personal = mayReadVisitNotes(q.actor, centreId);
    // Who the visitor is is personal data: each read of it is in the audit trail (which fields, not their values).
    if (personal && ticket.citizen) {
      await this.audit.record(q.actor, { action: 'scheduling.ticket.personal-data.read', resourceType: 'ticket', resourceId: ticket.id, details: { fields: Object.keys(ticket.citizen) } });
    }
    return toTicketDetailView(ticket, { position, undoWindowSeconds: state.settings.undoWindowSeconds, deskNumbers, personal });
  }
}

/** A counter display's desk and the ticket at it, from the centre's live state (no personal data). */
@QueryHandler(GetCounterStateQuery)
export class GetCounterStateHandler implements IQueryHandler<GetCounterStateQuery> {
  constructor(private readonly store: QueueStateStore) {}

  async execute(q: GetCounterStateQuery): Promise<CounterState> {
    const state = await this.store.fresh(q.centreId);
    const desk = state.desks.get(q.deskId);
    if (!desk) throw notFound('QUEUE.DESK_NOT_FOUND', 'Darba vieta nav atrasta', 'Desk not found');
    const at = desk.currentTicketId ? state.active.get(desk.currentTicketId) : undefined;
    const ticket = at && (at.status === 'called' || at.status === 'serving') && at.deskId === desk.id ? at : undefined;
    return {
      centreId: q.centreId,
      seq: state.seq,
      deskId: desk.id,
      deskNumber: desk.number,
      deskState: desk.state,
      ticket: ticket ? { number: ticket.number, status: ticket.status, calledAt: ticket.lastCalledAt ? new Date(ticket.lastCalledAt).toISOString() : null } : null,
      chime: false,
    };
  }
}

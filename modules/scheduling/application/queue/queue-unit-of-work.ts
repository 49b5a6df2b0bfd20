import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, type IntegrationEvent } from '@modules/shared-kernel';
import { Desk, ServiceQueue, Ticket } from '../../domain/queue';
import type { QueueChangeType, DeskView, TicketView } from '../../contracts';
import type { CentreQueueSettings } from '../../infrastructure/persistence';
import { toDeskView, toTicketView } from './queue-views.mapper';

const ACTIVE = ['waiting', 'called', 'serving', 'parked'];

interface PendingChange {
  type: QueueChangeType;
  ticket?: TicketView;
  desk?: DeskView;
}

/** Everything one queue command reads and changes in one centre, inside one transaction. */
export class QueueUnitOfWork {
  readonly changes: PendingChange[] = [];
  readonly events: IntegrationEvent[] = [];
  readonly calls: Array<{ number: string; deskNumber: string; recall: boolean }> = [];
  readonly touchedTickets = new Map<string, Ticket>();
  readonly touchedQueueIds = new Set<string>();
  /** Filled after the work: trackers to refresh. */
  readonly trackedAfter = new Map<string, Ticket>();
  private queueCache?: ServiceQueue[];
  private activeCache?: Ticket[];

  constructor(
    readonly em: EntityManager,
    readonly centreId: string,
    readonly now: Date,
    readonly settings: CentreQueueSettings,
  ) {}

  async ticket(id: string): Promise<Ticket> {
    const ticket = await this.em.findOne(Ticket, { id, centreId: this.centreId });
    if (!ticket) throw notFound('QUEUE.TICKET_NOT_FOUND', 'Biļete nav atrasta', 'Ticket not found');
    return ticket;
  }

  async desk(id: string): Promise<Desk> {
    const desk = await this.em.findOne(Desk, { id, centreId: this.centreId });
    if (!desk) throw notFound('QUEUE.DESK_NOT_FOUND', 'Darba vieta nav atrasta', 'Desk not found');
    return desk;
  }

  async queues(): Promise<ServiceQueue[]> {
    this.queueCache ??= await this.em.find(ServiceQueue, { centreId: this.centreId }, { orderBy: { sortOrder: 'asc', prefix: 'asc' } });
    return this.queueCache;
  }

  async queue(id: string): Promise<ServiceQueue> {
    const queue = (await this.queues()).find((q) => q.id === id);
    if (!queue) throw notFound('QUEUE.QUEUE_NOT_FOUND', 'Rinda nav atrasta', 'Queue not found');
    return queue;
  }

  /** Tickets not yet closed in this centre (any service day: a queue may run past midnight). */
  async activeTickets(): Promise<Ticket[]> {
    this.activeCache ??= await this.em.find(Ticket, { centreId: this.centreId, status: { $in: ACTIVE as Ticket['status'][] } });
    return this.activeCache;
  }

  /** The next number of a centre's series for a day and prefix: gapless, since it rolls back with the transaction. */
  async nextSeq(serviceDay: string, prefix: string): Promise<number> {
    const rows = await this.em.getConnection().execute<Array<{ last_seq: number }>>(
      `insert into scheduling.ticket_counter (centre_id, service_day, prefix, last_seq) values (?, ?, ?, 1)
       on conflict (centre_id, service_day, prefix) do update set last_seq = scheduling.ticket_counter.last_seq + 1
       returning last_seq`,
      [this.centreId, serviceDay, prefix],
      'all',
      this.em.getTransactionContext(),
    );
    return Number(rows[0]!.last_seq);
  }

  issued(ticket: Ticket): void {
    this.em.persist(ticket);
    this.activeCache?.push(ticket);
    this.track(ticket);
    this.changes.push({ type: 'ticket.issued', ticket: toTicketView(ticket) });
  }

  ticketChanged(ticket: Ticket): void {
    this.track(ticket);
    this.changes.push({ type: ticket.isClosed() ? 'ticket.closed' : 'ticket.updated', ticket: toTicketView(ticket, null, this.settings.undoWindowSeconds) });
  }

  deskChanged(desk: Desk): void {
    this.changes.push({ type: 'desk.updated', desk: toDeskView(desk) });
  }

  called(ticket: Ticket, desk: Desk, recall: boolean): void {
    this.calls.push({ number: ticket.number, deskNumber: desk.number, recall });
  }

  publish(event: IntegrationEvent): void {
    this.events.push(event);
  }

  private track(ticket: Ticket): void {
    this.touchedTickets.set(ticket.id, ticket);
    this.touchedQueueIds.add(ticket.queueId);
    const previous = ticket.lastAction?.before.queueId;
    if (previous) this.touchedQueueIds.add(previous);
  }
}

import { conflict, notFound, type IntegrationEvent } from '@modules/shared-kernel';
import type { Desk, ServiceQueue, Ticket } from '../../domain/queue';
import type { QueueChangeType, DeskView, TicketView } from '../../contracts';
import { cloneDesk, cloneSettings, cloneTicket, sortQueues, type CentreQueueSettings, type CentreQueueState } from '../../infrastructure/persistence';
import { toClerkTicketView, toDeskView } from './queue-views.mapper';

interface PendingChange {
  type: QueueChangeType;
  ticket?: TicketView;
  desk?: DeskView;
}

/**
 * Everything one queue command reads and changes in one centre. It works on copies of the
 * centre's in-memory state: the tickets and desks it touches are cloned on first access, and
 * only after the commit succeeds do the copies replace the originals — a command that fails
 * (a 409, a database error) leaves the state exactly as it was.
 */
export class QueueUnitOfWork {
  readonly changes: PendingChange[] = [];
  readonly events: IntegrationEvent[] = [];
  readonly calls: Array<{ number: string; deskNumber: string; recall: boolean }> = [];
  readonly touchedTickets = new Map<string, Ticket>();
  readonly touchedQueueIds = new Set<string>();
  /** Filled after the work: trackers to refresh. */
  readonly trackedAfter = new Map<string, Ticket>();
  /** Copies this command works on (written at commit, whether changed or not). */
  readonly workingTickets = new Map<string, Ticket>();
  readonly workingDesks = new Map<string, Desk>();
  readonly newQueues: ServiceQueue[] = [];
  /** `${serviceDay}|${prefix}` → last number, for series this command advanced. */
  readonly counters = new Map<string, number>();
  /** Tickets that get their TicketApproaching notification in this command. */
  readonly notified = new Set<string>();
  readonly settings: CentreQueueSettings;
  /** Something a display board shows changed: waiting counts, the last calls, the queues. */
  private displayTouched = false;

  constructor(
    readonly state: CentreQueueState,
    readonly now: Date,
    private readonly loadClosedTicket: (id: string) => Promise<Ticket | null>,
  ) {
    this.settings = cloneSettings(state.settings);
  }

  get centreId(): string {
    return this.state.centreId;
  }

  /** The ticket, for changing (a copy; active or closed). */
  async ticket(id: string): Promise<Ticket> {
    const working = this.workingTickets.get(id);
    if (working) return working;
    const active = this.state.active.get(id);
    const ticket = active ? cloneTicket(active) : await this.loadClosedTicket(id);
    if (!ticket) throw notFound('QUEUE.TICKET_NOT_FOUND', 'Biļete nav atrasta', 'Ticket not found');
    this.workingTickets.set(id, ticket);
    return ticket;
  }

  /** The desk, for changing (a copy). */
  async desk(id: string): Promise<Desk> {
    const working = this.workingDesks.get(id);
    if (working) return working;
    const desk = this.state.desks.get(id);
    if (!desk) throw notFound('QUEUE.DESK_NOT_FOUND', 'Darba vieta nav atrasta', 'Desk not found');
    const copy = cloneDesk(desk);
    this.workingDesks.set(id, copy);
    return copy;
  }

  /** Every desk as this command sees it (read only). */
  desks(): Desk[] {
    return [...this.state.desks.values()].map((d) => this.workingDesks.get(d.id) ?? d).concat([...this.workingDesks.values()].filter((d) => !this.state.desks.has(d.id)));
  }

  async queues(): Promise<ServiceQueue[]> {
    return this.newQueues.length === 0 ? this.state.queues : sortQueues([...this.state.queues, ...this.newQueues]);
  }

  async queue(id: string): Promise<ServiceQueue> {
    const queue = (await this.queues()).find((q) => q.id === id);
    if (!queue) throw notFound('QUEUE.QUEUE_NOT_FOUND', 'Rinda nav atrasta', 'Queue not found');
    return queue;
  }

  /**
   * Tickets not yet closed in this centre (any service day: a queue may run past midnight), as
   * this command sees them. Read only: change a ticket through `ticket(id)`.
   */
  async activeTickets(): Promise<Ticket[]> {
    const out: Ticket[] = [];
    for (const t of this.state.active.values()) {
      const current = this.workingTickets.get(t.id) ?? t;
      if (!current.isClosed()) out.push(current);
    }
    for (const t of this.workingTickets.values()) if (!this.state.active.has(t.id) && !t.isClosed()) out.push(t);
    return out;
  }

  /** The next number of a centre's series for a day and prefix: gapless (kept only if the command commits). */
  async nextSeq(serviceDay: string, prefix: string): Promise<number> {
    const key = `${serviceDay}|${prefix}`;
    const next = (this.counters.get(key) ?? this.state.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return next;
  }

  issued(issuedTicket: Ticket): void {
    // The live state keeps plain-field copies (see queue-state.store's `detached`), not `new Ticket()`.
    const ticket = cloneTicket(issuedTicket);
    this.workingTickets.set(ticket.id, ticket);
    this.track(ticket);
    this.displayTouched = true;
    this.changes.push({ type: 'ticket.issued', ticket: toClerkTicketView(ticket) });
  }

  ticketChanged(ticket: Ticket): void {
    this.track(ticket);
    // A board counts waiting tickets per queue: it changes when a ticket enters or leaves waiting,
    // or waits in another queue now — not when a service starts, is parked or finishes.
    const before = this.state.active.get(ticket.id);
    if (!before || before.status === 'waiting' || ticket.status === 'waiting' || before.queueId !== ticket.queueId) this.displayTouched = true;
    this.changes.push({ type: ticket.isClosed() ? 'ticket.closed' : 'ticket.updated', ticket: toClerkTicketView(ticket, null, this.settings.undoWindowSeconds) });
  }

  /**
   * Only the visit's notes changed: the centre's clerk consoles get the ticket; its place in line,
   * the display board and the trackers are not affected, so nothing is refreshed there.
   */
  notesChanged(ticket: Ticket): void {
    this.changes.push({ type: 'ticket.updated', ticket: toClerkTicketView(ticket, null, this.settings.undoWindowSeconds) });
  }

  /**
   * Whether the display board may show something different after this command (then its state is
   * computed again; the broadcaster still sends it only if it differs from the last one sent).
   * Changes of other kinds than tickets and desks (queues, settings) always count.
   */
  get affectsDisplay(): boolean {
    return this.displayTouched || this.changes.some((c) => c.type !== 'ticket.issued' && c.type !== 'ticket.updated' && c.type !== 'ticket.closed' && c.type !== 'desk.updated');
  }

  deskChanged(desk: Desk): void {
    this.changes.push({ type: 'desk.updated', desk: toDeskView(desk) });
  }

  /** A new desk of the centre; its number must be free. */
  addDesk(desk: Desk): void {
    if (this.desks().some((d) => d.number === desk.number)) throw conflict('QUEUE.DESK_NUMBER_TAKEN', 'Darba vieta ar šādu numuru jau ir', 'A desk with this number exists');
    this.workingDesks.set(desk.id, desk);
    this.deskChanged(desk);
  }

  addQueue(queue: ServiceQueue): void {
    this.newQueues.push(queue);
    this.displayTouched = true;
    this.changes.push({ type: 'queue.updated' });
  }

  called(ticket: Ticket, desk: Desk, recall: boolean): void {
    this.displayTouched = true;
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

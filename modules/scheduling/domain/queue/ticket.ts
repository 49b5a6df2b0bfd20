import { newId, type DomainError } from '@modules/shared-kernel';
import type { Desk } from './desk';
import { queueError, type QueueErrorCode } from './queue-errors';
import type { ServiceQueue } from './service-queue';
import { formatTicketNumber, serviceDayOf } from './ticket-number';
import { closeOpenPeriods, openPeriodOf, startPeriod } from './ticket-periods';
import { restoreSnapshot, takeSnapshot } from './ticket-snapshot';
import {
  isClosedStatus,
  type FinishOutcome,
  type RequestChannel,
  type ServiceRequest,
  type TicketActionName,
  type TicketAppointment,
  type TicketCitizen,
  type TicketLastAction,
  type TicketOutcome,
  type TicketPeriod,
  type TicketPriority,
  type TicketStatus,
  type TransferTarget,
} from './ticket-types';
import { newTrackingToken } from './tracking-token';

/** Longest visit notes, in characters (Unicode code points) after trimming. */
export const MAX_NOTES_LENGTH = 2000;

// Control characters other than tab and line feed (NUL cannot even be stored in PostgreSQL text).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Notes as stored: one kind of line break, no control characters, no surrounding white space. */
export const normaliseNotes = (text: string): string => text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '').trim();

export interface IssueTicketInput {
  id?: string;
  queue: ServiceQueue;
  /** The next number in the centre + service day + prefix series; the caller keeps the counter. */
  seq: number;
  /** The kiosk, the reception clerk or the booking check-in that issued it. */
  issuedBy: string;
  now: Date;
  priority?: TicketPriority;
  /** The service chosen at the kiosk, if any; it becomes the first request. */
  serviceCode?: string;
  channel?: RequestChannel;
  appointment?: { bookingId: string; checkedInAt?: Date };
  citizen?: TicketCitizen;
}

/**
 * One citizen's visit, from the kiosk to the end of service. Every change is checked against the
 * status, closes the open period and opens the next, bumps the version and keeps an undo snapshot.
 * A desk that calls or resumes a ticket takes it; after any other change (undo included) the
 * caller runs `desk.syncWith(ticket)` on the desk it was at, which lets it go.
 */
export class Ticket {
  id: string = newId();
  centreId!: string;
  queueId!: string;
  /** 'YYYY-MM-DD' in Europe/Riga; kept even when the ticket is still open after midnight. */
  serviceDay!: string;
  prefix!: string;
  seq!: number;
  /** Display number, e.g. 'A007'. */
  number!: string;
  priority: TicketPriority = 0;
  appointment?: TicketAppointment;
  status: TicketStatus = 'waiting';
  /** Orders the queue; moved by transfers with a placement. */
  queueEnteredAt!: Date;
  issuedAt!: Date;
  issuedBy!: string;
  calledCount = 0;
  lastCalledAt?: Date;
  /** The desk and clerk it is at while called or served; after closing, the last ones. */
  deskId?: string;
  clerkId?: string;
  /** After a transfer to a named clerk, only that clerk may call or resume it. */
  assignedClerkId?: string;
  parkReason?: string;
  trackingToken!: string;
  citizen?: TicketCitizen;
  requests: ServiceRequest[] = [];
  periods: TicketPeriod[] = [];
  outcome?: TicketOutcome;
  closedAt?: Date;
  version = 1;
  /**
   * Replaced as a whole by every recorded action, never changed in place — as are `citizen`,
   * `appointment`, `outcome` and every Date here: the queue's per-command copies share them
   * (cloneTicket in queue-state.store.ts; its tests run every action on a copy).
   */
  lastAction?: TicketLastAction;
  /**
   * The clerks' free-text notes on the visit (may hold personal data): shown only on the centre's
   * clerk consoles, never on boards, trackers, kiosks, integration events or logs. Not part of
   * the undo snapshot, so undoing an action keeps them.
   */
  notes?: string;
  notesUpdatedAt?: Date;

  static issue(input: IssueTicketInput): Ticket {
    const { queue, now } = input;
    if (!queue.active) throw queueError('QUEUE.QUEUE_INACTIVE', { queueId: queue.id });
    if (input.serviceCode !== undefined && !queue.offers(input.serviceCode)) {
      throw queueError('QUEUE.SERVICE_NOT_IN_QUEUE', { queueId: queue.id, serviceCode: input.serviceCode });
    }
    const ticket = new Ticket();
    if (input.id) ticket.id = input.id;
    ticket.centreId = queue.centreId;
    ticket.queueId = queue.id;
    ticket.serviceDay = serviceDayOf(now);
    ticket.prefix = queue.prefix;
    ticket.seq = input.seq;
    ticket.number = formatTicketNumber(queue.prefix, input.seq);
    ticket.priority = input.priority ?? 0;
    if (input.appointment) ticket.appointment = { bookingId: input.appointment.bookingId, checkedInAt: input.appointment.checkedInAt ?? now };
    ticket.queueEnteredAt = now;
    ticket.issuedAt = now;
    ticket.issuedBy = input.issuedBy;
    ticket.trackingToken = newTrackingToken();
    if (input.citizen) ticket.citizen = { ...input.citizen };
    if (input.serviceCode !== undefined) {
      ticket.requests.push({ id: newId(), serviceCode: input.serviceCode, channel: input.channel ?? 'in_person', quantity: 1, addedAt: now, addedBy: input.issuedBy });
    }
    startPeriod(ticket.periods, 'created', { queueId: queue.id }, now);
    startPeriod(ticket.periods, 'waiting', { queueId: queue.id }, now);
    return ticket;
  }

  isClosed(): boolean {
    return isClosedStatus(this.status);
  }

  /** The one period that is running while the ticket is active; none once it is closed. */
  openPeriod(): TicketPeriod | undefined {
    return openPeriodOf(this.periods);
  }

  /** Calls a waiting ticket to the clerk's open, free desk; the desk takes it. */
  call(desk: Desk, clerkId: string, now: Date): void {
    this.mustNotBeClosed();
    if (this.status === 'called' || this.status === 'serving') throw this.error('QUEUE.TICKET_ALREADY_CALLED');
    this.mustBe('waiting', 'QUEUE.TICKET_NOT_WAITING');
    this.mayBeTakenTo(desk, clerkId);
    this.record('call', clerkId, now, () => {
      this.status = 'called';
      this.calledCount++;
      this.lastCalledAt = now;
      this.placeAt(desk.id, clerkId);
      startPeriod(this.periods, 'called', { queueId: this.queueId, deskId: desk.id, clerkId }, now);
    });
    desk.syncWith(this);
  }

  /** Calls again (display and chime), not sooner than minDelaySeconds after the last call. */
  recall(clerkId: string, minDelaySeconds: number, now: Date): void {
    this.mustBeCalledBy(clerkId);
    const waitedMs = now.getTime() - (this.lastCalledAt ?? now).getTime();
    const minDelayMs = minDelaySeconds * 1000;
    if (waitedMs < minDelayMs) throw this.error('QUEUE.RECALL_TOO_SOON', { retryAfterSeconds: Math.ceil((minDelayMs - waitedMs) / 1000) });
    this.record('recall', clerkId, now, () => {
      this.calledCount++;
      this.lastCalledAt = now;
    });
  }

  /**
   * The called citizen did not come. After maxCalls calls the ticket closes as a no-show; before
   * that it goes back to waiting with its place kept, to be called again.
   */
  markNoShow(clerkId: string, maxCalls: number, now: Date): void {
    this.mustBeCalledBy(clerkId);
    this.record('mark_no_show', clerkId, now, () => {
      if (this.calledCount >= maxCalls) {
        this.status = 'no_show';
        this.close({ kind: 'no_show', stage: 'called' }, now);
      } else {
        this.backToWaiting(this.queueId, now);
      }
    });
  }

  startService(clerkId: string, now: Date): void {
    this.mustBeCalledBy(clerkId);
    this.record('start_service', clerkId, now, () => {
      this.status = 'serving';
      startPeriod(this.periods, 'serving', { queueId: this.queueId, deskId: this.deskId, clerkId }, now);
    });
  }

  addService(serviceCode: string, channel: RequestChannel, quantity: number, by: string, now: Date): ServiceRequest {
    this.mustNotBeClosed();
    this.mustBe('serving', 'QUEUE.TICKET_NOT_SERVING');
    this.mustBeHandledBy(by);
    if (!Number.isInteger(quantity) || quantity < 1) throw this.error('QUEUE.INVALID_QUANTITY', { quantity });
    const request: ServiceRequest = { id: newId(), serviceCode, channel, quantity, addedAt: now, addedBy: by };
    this.record('add_service', by, now, () => this.requests.push(request));
    return request;
  }

  /**
   * Sends the ticket to wait in another queue and/or for a named clerk. A called or served ticket
   * is transferred by its clerk; a waiting or parked one by anyone (e.g. a wrong kiosk choice).
   */
  transfer(target: TransferTarget, by: string, now: Date): void {
    this.mustNotBeClosed();
    if (this.status === 'called' || this.status === 'serving') this.mustBeHandledBy(by);
    if (target.toQueueId === undefined && target.toClerkId === undefined) throw this.error('QUEUE.TRANSFER_TARGET_REQUIRED');
    this.record('transfer', by, now, () => {
      this.queueEnteredAt = this.placementTime(target, now);
      this.assignedClerkId = target.toClerkId;
      this.backToWaiting(target.toQueueId ?? this.queueId, now);
    });
  }

  /** Puts service on hold (e.g. the citizen fetches a document); the desk is free for the next one. */
  park(by: string, now: Date, reason?: string): void {
    this.mustNotBeClosed();
    this.mustBe('serving', 'QUEUE.TICKET_NOT_SERVING');
    this.mustBeHandledBy(by);
    this.record('park', by, now, () => {
      this.status = 'parked';
      this.deskId = undefined;
      this.parkReason = reason;
      startPeriod(this.periods, 'parked', { queueId: this.queueId, clerkId: by }, now);
    });
  }

  /** Any clerk (or the assigned one) takes a parked ticket back into service at their desk. */
  resume(desk: Desk, clerkId: string, now: Date): void {
    this.mustNotBeClosed();
    this.mustBe('parked', 'QUEUE.TICKET_NOT_PARKED');
    this.mayBeTakenTo(desk, clerkId);
    this.record('resume', clerkId, now, () => {
      this.status = 'serving';
      this.parkReason = undefined;
      this.placeAt(desk.id, clerkId);
      startPeriod(this.periods, 'serving', { queueId: this.queueId, deskId: desk.id, clerkId }, now);
    });
    desk.syncWith(this);
  }

  /** Back to waiting in the same queue, keeping the original place. */
  returnToQueue(by: string, now: Date): void {
    this.mustNotBeClosed();
    if (this.status !== 'called' && this.status !== 'serving') throw this.error('QUEUE.TICKET_NOT_AT_DESK');
    this.mustBeHandledBy(by);
    this.record('return_to_queue', by, now, () => this.backToWaiting(this.queueId, now));
  }

  /**
   * Closes the visit. A served ticket finishes as served or not_served (with a reason); a ticket
   * that is waiting, called or parked is recorded as 'left' before service, with the stage.
   */
  finish(outcome: FinishOutcome, by: string, now: Date): void {
    this.mustNotBeClosed();
    if (this.status === 'called' || this.status === 'serving') this.mustBeHandledBy(by);
    const reason = outcome.reason?.trim() || undefined;
    if (this.status === 'serving') {
      if (outcome.kind === 'left_before_service') throw this.error('QUEUE.OUTCOME_NOT_ALLOWED', { outcome: outcome.kind });
      if (outcome.kind === 'not_served' && !reason) throw this.error('QUEUE.REASON_REQUIRED');
    } else if (outcome.kind !== 'left_before_service') {
      throw this.error('QUEUE.OUTCOME_NOT_ALLOWED', { outcome: outcome.kind });
    }
    this.record('finish', by, now, () => {
      if (this.status === 'serving') {
        this.status = 'finished';
        this.close({ kind: outcome.kind, ...(reason ? { reason } : {}) }, now);
      } else {
        const stage = this.status as 'waiting' | 'called' | 'parked';
        this.status = 'left';
        this.close({ kind: 'left_before_service', ...(reason ? { reason } : {}), stage }, now);
      }
    });
  }

  /**
   * Replaces the visit's notes (trimmed; empty clears them). Any clerk of the centre may write
   * them while the ticket is active; a closed ticket refuses. Not an undoable action: it keeps
   * the last action (and its undo) as it was. Returns false when the text did not change.
   */
  setNotes(text: string, now: Date): boolean {
    this.mustNotBeClosed();
    const notes = normaliseNotes(text);
    const length = [...notes].length;
    if (length > MAX_NOTES_LENGTH) throw this.error('QUEUE.NOTES_TOO_LONG', { maxLength: MAX_NOTES_LENGTH, length });
    const next = notes === '' ? undefined : notes;
    if (next === this.notes) return false;
    this.notes = next;
    this.notesUpdatedAt = now;
    this.version++;
    return true;
  }

  /**
   * A clerk sets the visitor's priority level (e.g. someone elderly or with a disability noticed in
   * the waiting room) while the visit is active; it orders the queue from then on. Undoable like the
   * other actions. False: it already was that level.
   */
  setPriority(level: TicketPriority, by: string, now: Date): boolean {
    this.mustNotBeClosed();
    if (level === this.priority) return false;
    this.record('set_priority', by, now, () => {
      this.priority = level;
    });
    return true;
  }

  /** A clerk flags a timing as wrong so reports leave it out; allowed after closing too. False: it already was. */
  markInaccurate(periodId: string): boolean {
    const period = this.periods.find((candidate) => candidate.id === periodId);
    if (!period) throw this.error('QUEUE.PERIOD_NOT_FOUND', { periodId });
    if (!period.accurate) return false;
    period.accurate = false;
    this.version++;
    return true;
  }

  /**
   * Takes back the last action, if the same clerk did it no more than windowSeconds ago. One level
   * only. A closed ticket stays closed: closing has already been announced to other modules and
   * the desk has moved on, so a mistaken finish or no-show is corrected by a new ticket, not undo.
   */
  undoLast(by: string, now: Date, windowSeconds: number): TicketActionName {
    this.mustNotBeClosed();
    const action = this.lastAction;
    if (!action) throw this.error('QUEUE.NOTHING_TO_UNDO');
    if (action.by !== by) throw this.error('QUEUE.UNDO_NOT_YOURS', { action: action.name });
    if (now.getTime() - new Date(action.at).getTime() > windowSeconds * 1000) throw this.error('QUEUE.UNDO_WINDOW_PASSED', { action: action.name });
    restoreSnapshot(this, action.before);
    this.lastAction = undefined;
    this.version++;
    return action.name;
  }

  /**
   * Applies an action and keeps the state before it for `undoLast`, except when the action closed
   * the ticket: a closed ticket is never undone, so it keeps no snapshot (its stored row would
   * otherwise carry a copy of its last open state, periods and all, for ever).
   */
  private record(name: TicketActionName, by: string, now: Date, change: () => void): void {
    const before = takeSnapshot(this);
    change();
    this.lastAction = this.isClosed() ? undefined : { name, at: now, by, before };
    this.version++;
  }

  private placementTime(target: TransferTarget, now: Date): Date {
    switch (target.placement) {
      case 'first': {
        const ahead = target.earliestWaitingAt ? target.earliestWaitingAt.getTime() - 1 : now.getTime();
        return new Date(Math.min(ahead, now.getTime()));
      }
      case 'last':
        return now;
      case 'original':
        return this.issuedAt;
    }
  }

  private backToWaiting(queueId: string, now: Date): void {
    this.status = 'waiting';
    this.queueId = queueId;
    this.placeAt(undefined, undefined);
    startPeriod(this.periods, 'waiting', { queueId }, now);
  }

  private close(outcome: TicketOutcome, now: Date): void {
    this.outcome = outcome;
    this.closedAt = now;
    closeOpenPeriods(this.periods, now);
  }

  private placeAt(deskId: string | undefined, clerkId: string | undefined): void {
    this.deskId = deskId;
    this.clerkId = clerkId;
  }

  private mayBeTakenTo(desk: Desk, clerkId: string): void {
    if (desk.centreId !== this.centreId) throw this.error('QUEUE.WRONG_CENTRE', { deskId: desk.id });
    if (this.assignedClerkId !== undefined && this.assignedClerkId !== clerkId) {
      throw this.error('QUEUE.TICKET_ASSIGNED_TO_ANOTHER_CLERK', { assignedClerkId: this.assignedClerkId });
    }
    desk.mustBeAbleToCall(clerkId);
  }

  private mustBeCalledBy(clerkId: string): void {
    this.mustNotBeClosed();
    this.mustBe('called', 'QUEUE.TICKET_NOT_CALLED');
    this.mustBeHandledBy(clerkId);
  }

  private mustNotBeClosed(): void {
    if (this.isClosed()) throw this.error('QUEUE.TICKET_CLOSED');
  }

  private mustBe(status: TicketStatus, code: QueueErrorCode): void {
    if (this.status !== status) throw this.error(code);
  }

  private mustBeHandledBy(clerkId: string): void {
    if (this.clerkId !== clerkId) throw this.error('QUEUE.NOT_YOUR_TICKET');
  }

  private error(code: QueueErrorCode, extensions: Record<string, unknown> = {}): DomainError {
    return queueError(code, { ticketId: this.id, number: this.number, status: this.status, ...extensions });
  }
}

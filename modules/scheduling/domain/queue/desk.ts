import { newId } from '@modules/shared-kernel';
import { queueError } from './queue-errors';

export const DESK_STATES = ['closed', 'open', 'paused', 'break', 'back_office'] as const;
export type DeskState = (typeof DESK_STATES)[number];

/** What a desk needs to know about a ticket to tell whether it holds it. */
export interface TicketAtDesk {
  id: string;
  status: string;
  deskId?: string;
}

export interface NewDesk {
  id?: string;
  centreId: string;
  number: string;
}

/**
 * A counter where a clerk calls and serves tickets. While it holds a ticket (called or being
 * served) it cannot close or leave the 'open' state.
 */
export class Desk {
  id: string = newId();
  centreId!: string;
  /** Shown on the display board next to the called ticket, e.g. "3". */
  number!: string;
  state: DeskState = 'closed';
  clerkId?: string;
  /** The desk's skills: the queues it calls from first. */
  queueIds: string[] = [];
  currentTicketId?: string;
  stateChangedAt?: Date;
  version = 1;

  static create(input: NewDesk): Desk {
    const desk = new Desk();
    if (input.id) desk.id = input.id;
    desk.centreId = input.centreId;
    desk.number = input.number;
    return desk;
  }

  isBusy(): boolean {
    return this.currentTicketId !== undefined;
  }

  /** Opens the desk for a clerk, or lets the clerk already at it change the queues it serves. */
  open(clerkId: string, queueIds: readonly string[], now: Date): void {
    if (this.state !== 'closed' && this.clerkId !== clerkId) throw queueError('QUEUE.DESK_TAKEN', { deskId: this.id });
    if (queueIds.length === 0) throw queueError('QUEUE.DESK_NEEDS_QUEUES');
    this.clerkId = clerkId;
    this.queueIds = [...new Set(queueIds)];
    this.changeState('open', now);
  }

  close(now: Date): void {
    this.mustNotHoldATicket();
    this.clerkId = undefined;
    this.changeState('closed', now);
  }

  /** Pause, break and back office keep the clerk at the desk but stop calling. */
  setState(state: DeskState, now: Date): void {
    if (state === 'closed') return this.close(now);
    if (this.state === 'closed') throw queueError('QUEUE.DESK_CLOSED', { deskId: this.id });
    if (state !== 'open') this.mustNotHoldATicket();
    this.changeState(state, now);
  }

  /**
   * The desk's own clerk pauses it, takes a break, does back-office work, comes back open, or
   * closes it — from any of those states. Closing a closed desk changes nothing; any other switch
   * of a closed desk is refused (it is opened with `open`).
   */
  switchState(clerkId: string, state: DeskState, now: Date): void {
    if (this.state === 'closed' && state === 'closed') return;
    if (this.state !== 'closed' && this.clerkId !== clerkId) throw queueError('QUEUE.NOT_YOUR_DESK', { deskId: this.id });
    this.setState(state, now);
  }

  /** Only the clerk at an open, free desk may call a ticket to it. */
  mustBeAbleToCall(clerkId: string): void {
    if (this.state !== 'open') throw queueError('QUEUE.DESK_NOT_OPEN', { deskId: this.id, state: this.state });
    if (this.clerkId !== clerkId) throw queueError('QUEUE.NOT_YOUR_DESK', { deskId: this.id });
    this.mustNotHoldATicket();
  }

  /**
   * Makes currentTicketId agree with a ticket after any change to it (including undo): the desk
   * holds the ticket while it is called or served here, and lets go of it otherwise.
   */
  syncWith(ticket: TicketAtDesk): void {
    const heldHere = (ticket.status === 'called' || ticket.status === 'serving') && ticket.deskId === this.id;
    if (heldHere && this.currentTicketId !== ticket.id) {
      if (this.isBusy()) throw queueError('QUEUE.DESK_BUSY', { deskId: this.id, currentTicketId: this.currentTicketId });
      this.currentTicketId = ticket.id;
      this.version++;
    } else if (!heldHere && this.currentTicketId === ticket.id) {
      this.currentTicketId = undefined;
      this.version++;
    }
  }

  private mustNotHoldATicket(): void {
    if (this.isBusy()) throw queueError('QUEUE.DESK_BUSY', { deskId: this.id, currentTicketId: this.currentTicketId });
  }

  private changeState(state: DeskState, now: Date): void {
    if (this.state !== state) this.stateChangedAt = now;
    this.state = state;
    this.version++;
  }
}

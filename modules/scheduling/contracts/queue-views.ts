/**
 * What clerk consoles receive about a ticket. No personal data, except `notes`: the clerks' free
 * text on the visit, present only in views for the centre's own clerks (their snapshot, their
 * `/queue` changes, the answers to their commands) and left out everywhere else (kiosk answers,
 * oversight snapshots of administrators and auditors, stored command receipts). Boards and
 * trackers get their own views (DisplayState, TrackView) that never include it.
 */
export interface TicketView {
  id: string;
  number: string;
  queueId: string;
  status: string;
  priority: number;
  appointment: boolean;
  issuedAt: string;
  queueEnteredAt: string;
  calledCount: number;
  lastCalledAt: string | null;
  deskId: string | null;
  clerkId: string | null;
  assignedClerkId: string | null;
  serviceCodes: string[];
  version: number;
  position: number | null;
  canUndo: { action: string; by: string; until: string } | null;
  /** The clerks' notes (null: none); absent where notes are not shown (see above). */
  notes?: string | null;
  /** When the notes last changed. */
  notesUpdatedAt?: string | null;
}

/** One stretch of a visit in one state (created, waiting, called, serving, parked). */
export interface TicketPeriodView {
  id: string;
  state: string;
  startedAt: string;
  /** null while the ticket is still in this state. */
  endedAt: string | null;
  queueId: string;
  deskId: string | null;
  /** The desk's number, when the period was at a desk. */
  deskNumber: string | null;
  clerkId: string | null;
  /** false: left out of the reports (left open over midnight, or marked by a clerk). */
  accurate: boolean;
}

/** A visit in full, for the centre's clerks (and, without notes and citizen, for oversight). */
export interface TicketDetailView extends TicketView {
  requests: Array<{ serviceCode: string; channel: string; quantity: number; addedAt: string }>;
  periods: TicketPeriodView[];
  outcome: { kind: string; reason: string | null; stage: string | null } | null;
  closedAt: string | null;
  /** Who the citizen is, when it was given at issue (the centre's clerks only; the code masked). */
  citizen?: { name: string | null; personalCodeMasked: string | null } | null;
}

export interface DeskView {
  id: string;
  number: string;
  state: string;
  clerkId: string | null;
  queueIds: string[];
  currentTicketId: string | null;
}

export interface QueueView {
  id: string;
  prefix: string;
  nameLv: string;
  nameEn: string;
  serviceCodes: string[];
  waiting: number;
  estimate: { minMinutes: number; maxMinutes: number | null } | null;
}

export interface CentreQueueSnapshot {
  centreId: string;
  seq: number;
  at: string;
  queues: QueueView[];
  desks: DeskView[];
  tickets: TicketView[];
  settings: { recallDelaySeconds: number; maxCalls: number; undoWindowSeconds: number; message: string | null };
}

export type QueueChangeType =
  | 'ticket.issued'
  | 'ticket.updated'
  | 'ticket.closed'
  | 'desk.updated'
  | 'queue.updated'
  | 'settings.updated';

/** One change in a centre; `seq` increases by one per change, so a client sees any gap. */
export interface QueueChange {
  centreId: string;
  seq: number;
  at: string;
  type: QueueChangeType;
  ticket?: TicketView;
  desk?: DeskView;
  queues?: QueueView[];
}

export interface CalledTicket {
  number: string;
  deskNumber: string;
  at: string;
  recall: boolean;
}

export interface DisplayState {
  centreId: string;
  seq: number;
  centreName: string;
  message: string | null;
  lastCalled: CalledTicket[];
  waiting: Array<{ prefix: string; nameLv: string; nameEn: string; count: number }>;
}

/**
 * What a counter display (a display device bound to one desk) shows: the desk and the ticket at it
 * now. `chime` is true when this update is a call or recall to the desk.
 */
export interface CounterState {
  centreId: string;
  seq: number;
  deskId: string;
  deskNumber: string;
  /** open, paused, break, back_office, closed. */
  deskState: string;
  /** The ticket called to or served at the desk now (null: none). */
  ticket: { number: string; status: string; calledAt: string | null } | null;
  chime: boolean;
}

export interface TrackView {
  /**
   * The centre's sequence number this view reflects (as on the consoles' changes): a tracker
   * keeps the view with the highest seq, so an answer to GET that arrives after a pushed update
   * does not take it back. A tracker sees only its own ticket's updates, so its seqs have gaps.
   */
  seq: number;
  number: string;
  status: string;
  position: number | null;
  estimate: { minMinutes: number; maxMinutes: number | null } | null;
  deskNumber: string | null;
  centreName: string;
  updatedAt: string;
}

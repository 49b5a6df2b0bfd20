// The queue's public wire types (REST + socket.io), as documented in docs/asyncapi.yaml and
// docs/api/openapi.json. Mirrors modules/scheduling/contracts (the console only knows the public API).

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
  /** The clerks' visit notes (null: none). Only the centre's own clerks get them; absent elsewhere and in replayed command answers. */
  notes?: string | null;
  notesUpdatedAt?: string | null;
}

/** One stretch of a visit in one state (GET /api/v1/queue/tickets/{id}). */
export interface TicketPeriodView {
  id: string;
  state: string;
  startedAt: string;
  endedAt: string | null;
  queueId: string;
  deskId: string | null;
  deskNumber: string | null;
  clerkId: string | null;
  /** false: left out of the reports. */
  accurate: boolean;
}

/** A visit in full, for the centre's clerks (citizen and notes only for them). */
export interface TicketDetailView extends TicketView {
  requests: Array<{ serviceCode: string; channel: string; quantity: number; addedAt: string }>;
  periods: TicketPeriodView[];
  outcome: { kind: string; reason: string | null; stage: string | null } | null;
  closedAt: string | null;
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

export interface WaitEstimate {
  minMinutes: number;
  maxMinutes: number | null;
}

export interface QueueView {
  id: string;
  prefix: string;
  nameLv: string;
  nameEn: string;
  serviceCodes: string[];
  waiting: number;
  estimate: WaitEstimate | null;
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

export type QueueChangeType = 'ticket.issued' | 'ticket.updated' | 'ticket.closed' | 'desk.updated' | 'queue.updated' | 'settings.updated';

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

export interface TrackView {
  /** The centre's seq this view reflects: keep the view with the highest. */
  seq: number;
  number: string;
  status: string;
  position: number | null;
  estimate: WaitEstimate | null;
  deskNumber: string | null;
  centreName: string;
  updatedAt: string;
}

export interface Issued {
  ticket: TicketView;
  trackingToken: string;
}

export interface ClerkServerToClientEvents {
  /** One command's changes, in seq order. */
  'queue:changes': (changes: QueueChange[]) => void;
}
export interface ClerkClientToServerEvents {
  'queue:join': (request: { centreId: string }, ack: (reply: CentreQueueSnapshot | { error: string }) => void) => void;
  'queue:sync': (request: { centreId: string }, ack: (reply: CentreQueueSnapshot | { error: string }) => void) => void;
}
/** A counter display's desk and the ticket at it (a display device registered with a desk). */
export interface CounterState {
  centreId: string;
  seq: number;
  deskId: string;
  deskNumber: string;
  deskState: string;
  ticket: { number: string; status: string; calledAt: string | null } | null;
  chime: boolean;
}
export interface DisplayServerToClientEvents {
  'display:state': (state: DisplayState) => void;
  'display:called': (called: CalledTicket & { seq: number; chime: true }) => void;
  'counter:state': (state: CounterState) => void;
}
export interface DisplayClientToServerEvents {
  'display:sync': (ack: (state: DisplayState | CounterState) => void) => void;
}
export interface TrackServerToClientEvents {
  'track:update': (view: TrackView) => void;
}
export type TrackClientToServerEvents = Record<string, never>;

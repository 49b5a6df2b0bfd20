export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'parked', 'finished', 'no_show', 'left'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses a ticket never leaves. */
export const CLOSED_TICKET_STATUSES: readonly TicketStatus[] = ['finished', 'no_show', 'left'];
export const isClosedStatus = (status: TicketStatus): boolean => CLOSED_TICKET_STATUSES.includes(status);

/** 0 normal; 1 priority (e.g. elderly, pregnant); 2 high (e.g. disability). */
export type TicketPriority = 0 | 1 | 2;

export const REQUEST_CHANNELS = ['in_person', 'phone', 'back_office', 'assisted_eservice'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** One service the citizen received or asked for during the visit. */
export interface ServiceRequest {
  id: string;
  serviceCode: string;
  channel: RequestChannel;
  quantity: number;
  addedAt: Date;
  addedBy: string;
}

export const PERIOD_STATES = ['created', 'waiting', 'called', 'serving', 'parked'] as const;
export type PeriodState = (typeof PERIOD_STATES)[number];

/** One stretch of time a ticket spent in one state; timings are sums over these. */
export interface TicketPeriod {
  id: string;
  state: PeriodState;
  startedAt: Date;
  endedAt?: Date;
  deskId?: string;
  clerkId?: string;
  queueId: string;
  /** False when reports should leave it out: left over midnight, or a clerk said so. */
  accurate: boolean;
}

export interface TicketAppointment {
  bookingId: string;
  checkedInAt: Date;
}

/** Only when a service needs to know who is waiting. */
export interface TicketCitizen {
  name?: string;
  personalCodeMasked?: string;
}

export type OutcomeKind = 'served' | 'not_served' | 'left_before_service' | 'no_show';
export type OutcomeStage = 'waiting' | 'called' | 'serving' | 'parked';

export interface TicketOutcome {
  kind: OutcomeKind;
  reason?: string;
  /** Where the citizen was when they left or missed the call. */
  stage?: OutcomeStage;
}

/** What a clerk may record when finishing: served/not_served while serving, left_before_service otherwise. */
export type FinishOutcome = { kind: 'served'; reason?: string } | { kind: 'not_served'; reason: string } | { kind: 'left_before_service'; reason?: string };

export type TransferPlacement = 'first' | 'last' | 'original';

export interface TransferTarget {
  toQueueId?: string;
  /** Only this clerk may call the ticket afterwards. */
  toClerkId?: string;
  /** first: ahead of everyone waiting; last: behind everyone; original: back where it was at issue. */
  placement: TransferPlacement;
  /** The earliest queueEnteredAt among tickets waiting in the target queue, for 'first'. */
  earliestWaitingAt?: Date;
}

export const TICKET_ACTIONS = [
  'call',
  'recall',
  'mark_no_show',
  'start_service',
  'add_service',
  'transfer',
  'park',
  'resume',
  'return_to_queue',
  'finish',
  'set_priority',
] as const;
export type TicketActionName = (typeof TICKET_ACTIONS)[number];

/** The fields an action may change; undo puts them back. Holds no citizen data. */
export interface TicketSnapshot {
  status: TicketStatus;
  queueId: string;
  queueEnteredAt: Date;
  priority: TicketPriority;
  calledCount: number;
  lastCalledAt?: Date;
  deskId?: string;
  clerkId?: string;
  assignedClerkId?: string;
  parkReason?: string;
  requests: ServiceRequest[];
  periods: TicketPeriod[];
  outcome?: TicketOutcome;
}

export interface TicketLastAction {
  name: TicketActionName;
  at: Date;
  by: string;
  before: TicketSnapshot;
}

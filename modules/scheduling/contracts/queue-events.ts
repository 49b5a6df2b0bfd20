import type { IntegrationEvent } from '@modules/shared-kernel';

export const SCHEDULING_MODULE = 'scheduling';

/** Integration events of the walk-in queue, for Reporting and notification gateways. */
export const QueueEvents = {
  TicketIssued: 'scheduling.TicketIssued',
  TicketCalled: 'scheduling.TicketCalled',
  ServiceStarted: 'scheduling.ServiceStarted',
  TicketTransferred: 'scheduling.TicketTransferred',
  TicketParked: 'scheduling.TicketParked',
  ServiceFinished: 'scheduling.ServiceFinished',
  VisitEnded: 'scheduling.VisitEnded',
  TicketApproaching: 'scheduling.TicketApproaching',
} as const;

export interface TicketRef {
  ticketId: string;
  centreId: string;
  queueId: string;
  number: string;
  serviceDay: string;
}

export interface TicketIssuedPayload extends TicketRef {
  priority: number;
  appointment: boolean;
  serviceCodes: string[];
  issuedAt: string;
}

export interface TicketCalledPayload extends TicketRef {
  deskId: string;
  deskNumber: string;
  clerkId: string;
  calledCount: number;
  waitedMs: number;
}

export interface ServiceStartedPayload extends TicketRef {
  deskId: string;
  clerkId: string;
}

export interface TicketTransferredPayload extends TicketRef {
  fromQueueId: string;
  toClerkId: string | null;
  placement: string;
}

export interface TicketParkedPayload extends TicketRef {
  reason: string | null;
}

export interface ServiceFinishedPayload extends TicketRef {
  clerkId: string | null;
  deskId: string | null;
  outcome: { kind: string; reason?: string; stage?: string };
  requests: Array<{ serviceCode: string; channel: string; quantity: number }>;
}

/** The whole visit with its periods: what Reporting computes wait and service times from. */
export interface VisitEndedPayload extends TicketRef {
  status: string;
  priority: number;
  issuedAt: string;
  closedAt: string;
  outcome: { kind: string; reason?: string; stage?: string } | null;
  requests: Array<{ serviceCode: string; channel: string; quantity: number }>;
  periods: Array<{ state: string; startedAt: string; endedAt: string | null; deskId: string | null; clerkId: string | null; queueId: string; accurate: boolean }>;
  durations: { waitMs: number; walkMs: number; serviceMs: number; holdMs: number };
}

/** The citizen reached place N: an SMS/e-mail gateway may tell them (no personal data here). */
export interface TicketApproachingPayload extends TicketRef {
  position: number;
  trackingToken: string;
}

export type TicketIssuedIntegrationEvent = IntegrationEvent<typeof QueueEvents.TicketIssued, TicketIssuedPayload>;
export type TicketCalledIntegrationEvent = IntegrationEvent<typeof QueueEvents.TicketCalled, TicketCalledPayload>;
export type ServiceStartedIntegrationEvent = IntegrationEvent<typeof QueueEvents.ServiceStarted, ServiceStartedPayload>;
export type TicketTransferredIntegrationEvent = IntegrationEvent<typeof QueueEvents.TicketTransferred, TicketTransferredPayload>;
export type TicketParkedIntegrationEvent = IntegrationEvent<typeof QueueEvents.TicketParked, TicketParkedPayload>;
export type ServiceFinishedIntegrationEvent = IntegrationEvent<typeof QueueEvents.ServiceFinished, ServiceFinishedPayload>;
export type VisitEndedIntegrationEvent = IntegrationEvent<typeof QueueEvents.VisitEnded, VisitEndedPayload>;
export type TicketApproachingIntegrationEvent = IntegrationEvent<typeof QueueEvents.TicketApproaching, TicketApproachingPayload>;

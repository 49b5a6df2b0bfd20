import type { IntegrationEvent } from '@modules/shared-kernel';

export const REMOTE_OFFICIAL_MODULE = 'remote-official';

/** Integration events of remote consultations (for Reporting). No personal data: ids, codes, times. */
export const RemoteEvents = {
  RemoteSessionRequested: 'remote-official.RemoteSessionRequested',
  RemoteSessionAccepted: 'remote-official.RemoteSessionAccepted',
  RemoteSessionStarted: 'remote-official.RemoteSessionStarted',
  RemoteSessionEnded: 'remote-official.RemoteSessionEnded',
  RemoteSessionFailed: 'remote-official.RemoteSessionFailed',
  /** Nobody took part: an on-demand request withdrawn, or a session nobody joined in time, or a no-show. */
  RemoteSessionAbandoned: 'remote-official.RemoteSessionAbandoned',
} as const;

/** How a session came to be: the on-demand line, or a confirmed booking (scheduling). */
export type RemoteSessionOrigin = 'on_demand' | 'booking';

export interface RemoteRequestRef {
  requestId: string;
  institutionCode: string;
  serviceCode: string;
  centreId: string;
}

export interface RemoteSessionRequestedPayload extends RemoteRequestRef {
  requestedAt: string;
}

/**
 * Every session event carries these. A booked session has no request (`requestId` null) but a
 * `bookingId` (scheduling's booking); an on-demand one the opposite.
 */
export interface RemoteSessionRef extends Omit<RemoteRequestRef, 'requestId'> {
  requestId: string | null;
  sessionId: string;
  origin: RemoteSessionOrigin;
  bookingId: string | null;
}

/** The on-demand request was answered (time to answer = waitSeconds). */
export interface RemoteSessionAcceptedPayload extends RemoteSessionRef {
  requestId: string;
  requestedAt: string;
  acceptedAt: string;
  waitSeconds: number;
}

/** Both participants joined (the call starts). */
export interface RemoteSessionStartedPayload extends RemoteSessionRef {
  startedAt: string;
  /** For a booked session: seconds from the booked start to the call start (negative when early). */
  delaySeconds: number | null;
}

export interface RemoteSessionEndedPayload extends RemoteSessionRef {
  /** On-demand: when the specialist accepted; booked: when the session was opened. */
  acceptedAt: string;
  startedAt: string | null;
  endedAt: string;
  /** From acceptance to the end. */
  durationSeconds: number;
  /** From both participants joined to the end (null when they never both joined). */
  callSeconds: number | null;
  outcome: string;
  interruptions: number;
}

export const SESSION_FAILURE_REASONS = ['media_failure', 'connection_lost', 'room_lost', 'video_gateway_unavailable', 'device_failure', 'other'] as const;
export type SessionFailureReason = (typeof SESSION_FAILURE_REASONS)[number];

export interface RemoteSessionFailedPayload extends RemoteSessionRef {
  failedAt: string;
  reason: SessionFailureReason;
  startedAt: string | null;
  interruptions: number;
}

export type SessionAbandonReason = 'request_withdrawn' | 'nobody_joined' | 'no_show';

export interface RemoteSessionAbandonedPayload extends Omit<RemoteSessionRef, 'sessionId'> {
  /** Null for a request withdrawn before anybody accepted it. */
  sessionId: string | null;
  abandonedAt: string;
  reason: SessionAbandonReason;
  /** On-demand: seconds waited in line; booked: seconds from the booked start to the abandonment. */
  waitSeconds: number;
}

export type RemoteSessionRequestedIntegrationEvent = IntegrationEvent<typeof RemoteEvents.RemoteSessionRequested, RemoteSessionRequestedPayload>;
export type RemoteSessionAcceptedIntegrationEvent = IntegrationEvent<typeof RemoteEvents.RemoteSessionAccepted, RemoteSessionAcceptedPayload>;
export type RemoteSessionStartedIntegrationEvent = IntegrationEvent<typeof RemoteEvents.RemoteSessionStarted, RemoteSessionStartedPayload>;
export type RemoteSessionEndedIntegrationEvent = IntegrationEvent<typeof RemoteEvents.RemoteSessionEnded, RemoteSessionEndedPayload>;
export type RemoteSessionFailedIntegrationEvent = IntegrationEvent<typeof RemoteEvents.RemoteSessionFailed, RemoteSessionFailedPayload>;
export type RemoteSessionAbandonedIntegrationEvent = IntegrationEvent<typeof RemoteEvents.RemoteSessionAbandoned, RemoteSessionAbandonedPayload>;

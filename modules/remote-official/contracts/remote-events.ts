import type { IntegrationEvent } from '@modules/shared-kernel';

export const REMOTE_OFFICIAL_MODULE = 'remote-official';

/** Integration events of remote consultations (for Reporting). No personal data: ids, codes, times. */
export const RemoteEvents = {
  RemoteSessionRequested: 'remote-official.RemoteSessionRequested',
  RemoteSessionAccepted: 'remote-official.RemoteSessionAccepted',
  RemoteSessionStarted: 'remote-official.RemoteSessionStarted',
  RemoteSessionEnded: 'remote-official.RemoteSessionEnded',
  RemoteSessionFailed: 'remote-official.RemoteSessionFailed',
} as const;

export interface RemoteRequestRef {
  requestId: string;
  institutionCode: string;
  serviceCode: string;
  centreId: string;
}

export interface RemoteSessionRequestedPayload extends RemoteRequestRef {
  requestedAt: string;
}

export interface RemoteSessionAcceptedPayload extends RemoteRequestRef {
  sessionId: string;
  requestedAt: string;
  acceptedAt: string;
  waitSeconds: number;
}

export interface RemoteSessionStartedPayload extends RemoteRequestRef {
  sessionId: string;
  startedAt: string;
}

export interface RemoteSessionEndedPayload extends RemoteRequestRef {
  sessionId: string;
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

export interface RemoteSessionFailedPayload extends RemoteRequestRef {
  sessionId: string;
  failedAt: string;
  reason: string;
}

export type RemoteSessionRequestedIntegrationEvent = IntegrationEvent<typeof RemoteEvents.RemoteSessionRequested, RemoteSessionRequestedPayload>;
export type RemoteSessionAcceptedIntegrationEvent = IntegrationEvent<typeof RemoteEvents.RemoteSessionAccepted, RemoteSessionAcceptedPayload>;
export type RemoteSessionStartedIntegrationEvent = IntegrationEvent<typeof RemoteEvents.RemoteSessionStarted, RemoteSessionStartedPayload>;
export type RemoteSessionEndedIntegrationEvent = IntegrationEvent<typeof RemoteEvents.RemoteSessionEnded, RemoteSessionEndedPayload>;
export type RemoteSessionFailedIntegrationEvent = IntegrationEvent<typeof RemoteEvents.RemoteSessionFailed, RemoteSessionFailedPayload>;

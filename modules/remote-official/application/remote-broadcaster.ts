import type { RemoteRequestView, RemoteSessionStatus } from '../contracts';

export interface SessionChange {
  id: string;
  requestId: string | null;
  bookingId: string | null;
  status: RemoteSessionStatus;
  centreId: string;
  institutionId: string;
  institutionCode: string;
  specialistSubject: string;
  /** For failed, abandoned and cancelled sessions: the reason code. */
  reason: string | null;
}

/** Port: pushes line, request and session changes to the /remote socket.io namespace (after commit). */
export abstract class RemoteBroadcaster {
  abstract line(institutionId: string, institutionCode: string, waiting: RemoteRequestView[]): void;
  abstract request(view: RemoteRequestView): void;
  abstract session(change: SessionChange): void;
}

import type { RemoteRequestView, RemoteSessionStatus } from '../contracts';

export interface SessionChange {
  id: string;
  requestId: string;
  status: RemoteSessionStatus;
  centreId: string;
  institutionId: string;
  institutionCode: string;
  specialistSubject: string;
}

/** Port: pushes line, request and session changes to the /remote socket.io namespace (after commit). */
export abstract class RemoteBroadcaster {
  abstract line(institutionId: string, institutionCode: string, waiting: RemoteRequestView[]): void;
  abstract request(view: RemoteRequestView): void;
  abstract session(change: SessionChange): void;
}

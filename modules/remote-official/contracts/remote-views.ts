export const REMOTE_NAMESPACE = '/remote';

export type RemoteRequestStatus = 'waiting' | 'ringing' | 'accepted' | 'abandoned';
export type RemoteSessionStatus = 'requested' | 'room_ready' | 'participants_joined' | 'in_call' | 'interrupted' | 'ended' | 'failed' | 'abandoned';

export interface RemoteRequestView {
  id: string;
  institutionCode: string;
  serviceCode: string;
  centreId: string;
  boothId: string | null;
  /** What the clerk chose to share with the specialist (nothing else about the visitor is shown). */
  sharedNote: string | null;
  status: RemoteRequestStatus;
  requestedAt: string;
  ringingUntil: string | null;
  sessionId: string | null;
  /** 1-based place in the institution's line while waiting. */
  position: number | null;
  /** Rough wait until a specialist answers, in seconds, while waiting. */
  estimateSeconds: number | null;
}

export interface RemoteSessionView {
  id: string;
  requestId: string;
  institutionCode: string;
  serviceCode: string;
  centreId: string;
  boothId: string | null;
  status: RemoteSessionStatus;
  acceptedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  outcome: string | null;
  notes: string | null;
  failureReason: string | null;
  interruptions: number;
  participants: Array<{ id: number; display: string; publisher: boolean }> | null;
}

export interface RemoteJoinView {
  janusUrl: string;
  token: string;
  room: number;
  pin: string;
}

/** Server → client events on the /remote namespace. */
export interface RemoteServerToClientEvents {
  /** The institution's line changed (specialists of that institution). */
  'line:changed': (line: { institutionCode: string; waiting: RemoteRequestView[] }) => void;
  /** A request of this centre changed (clerks of the centre). */
  'request:changed': (request: RemoteRequestView) => void;
  /** A session changed (both sides). */
  'session:changed': (session: { id: string; requestId: string; status: RemoteSessionStatus; centreId: string; institutionCode: string }) => void;
}

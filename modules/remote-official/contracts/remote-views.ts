export const REMOTE_NAMESPACE = '/remote';

export type RemoteRequestStatus = 'waiting' | 'ringing' | 'accepted' | 'abandoned';
/**
 * `scheduled`: a booked session before its room exists (created when its booking is confirmed);
 * `cancelled`: its booking was cancelled before the call.
 */
export type RemoteSessionStatus = 'scheduled' | 'requested' | 'room_ready' | 'participants_joined' | 'in_call' | 'interrupted' | 'ended' | 'failed' | 'abandoned' | 'cancelled';

/** What the clerk shared with the specialist for a session; nothing else about the visitor is stored in it. */
export interface RemoteSharedInfo {
  name?: string;
  maskedCode?: string;
  note?: string;
}

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
  /** Null for a booked session. */
  requestId: string | null;
  origin: 'on_demand' | 'booking';
  bookingId: string | null;
  /** Booked sessions: the booked time, and when joining opens (a few minutes before the start). */
  scheduledStart: string | null;
  scheduledEnd: string | null;
  joinOpensAt: string | null;
  /** Only what the clerk shared (reading it is audited); null when nothing was shared. */
  shared: RemoteSharedInfo | null;
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
  'session:changed': (session: RemoteSessionChangedEvent) => void;
}

export interface RemoteSessionChangedEvent {
  id: string;
  requestId: string | null;
  bookingId: string | null;
  status: RemoteSessionStatus;
  centreId: string;
  institutionCode: string;
  /** For `failed`, `abandoned` and `cancelled`: a reason code. */
  reason: string | null;
}

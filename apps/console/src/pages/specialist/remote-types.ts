// What the RemoteOfficial API and its /remote socket.io namespace send (modules/remote-official/contracts).
export type RemoteRequestStatus = 'waiting' | 'ringing' | 'accepted' | 'abandoned';
export type RemoteSessionStatus = 'scheduled' | 'requested' | 'room_ready' | 'participants_joined' | 'in_call' | 'interrupted' | 'ended' | 'failed' | 'abandoned' | 'cancelled';

export interface RemoteRequest {
  id: string;
  institutionCode: string;
  serviceCode: string;
  centreId: string;
  boothId: string | null;
  sharedNote: string | null;
  status: RemoteRequestStatus;
  requestedAt: string;
  ringingUntil: string | null;
  sessionId: string | null;
  position: number | null;
  estimateSeconds: number | null;
}

export interface RemoteSession {
  id: string;
  /** Null for a booked session. */
  requestId: string | null;
  origin: 'on_demand' | 'booking';
  bookingId: string | null;
  scheduledStart: string | null;
  scheduledEnd: string | null;
  /** Booked sessions: when joining opens (a few minutes before the start). */
  joinOpensAt: string | null;
  institutionCode: string;
  serviceCode: string;
  centreId: string;
  boothId: string | null;
  status: RemoteSessionStatus;
  acceptedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  outcome: string | null;
  notes: string | null;
  participants: Array<{ id: number; display: string; publisher: boolean }> | null;
}

/** A booking in the specialist's agenda (GET /api/v1/scheduling/specialists/me/bookings; no visitor data). */
export interface SpecialistBooking {
  id: string;
  serviceCode: string;
  specialistId: string;
  centreId: string;
  boothId: string;
  start: string;
  end: string;
  status: 'held' | 'confirmed' | 'cancelled' | 'no_show' | 'completed' | 'rescheduled';
}

export interface SessionChange {
  id: string;
  requestId: string;
  status: RemoteSessionStatus;
  centreId: string;
  institutionCode: string;
}

export interface RemoteServerEvents {
  'line:changed': (line: { institutionCode: string; waiting: RemoteRequest[] }) => void;
  'request:changed': (request: RemoteRequest) => void;
  'session:changed': (session: SessionChange) => void;
}

export type RemoteClientEvents = Record<string, never>;

export const SESSION_OUTCOMES = ['resolved', 'follow_up', 'referred', 'not_resolved', 'technical_problem'] as const;
export const ACTIVE_STATUSES: RemoteSessionStatus[] = ['room_ready', 'participants_joined', 'in_call', 'interrupted'];

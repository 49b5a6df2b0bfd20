import type { CalledTicket, CentreQueueSnapshot, DisplayState, QueueChange, TrackView } from './queue-views';

/** Socket.io namespace for clerk consoles: JWT at the handshake; rooms per centre and desk. */
export const CLERK_NAMESPACE = '/queue';
/** Waiting-room displays: a board token at the handshake; read-only. */
export const DISPLAY_NAMESPACE = '/display';
/** Public ticket trackers: the ticket's tracking token at the handshake. */
export const TRACK_NAMESPACE = '/track';

export interface ClerkServerToClientEvents {
  /** One command's changes, in seq order (one frame per command, not one per change). */
  'queue:changes': (changes: QueueChange[]) => void;
}

export interface ClerkClientToServerEvents {
  /** Join a centre the clerk works in; answers with a snapshot. */
  'queue:join': (request: { centreId: string }, ack: (reply: CentreQueueSnapshot | { error: string }) => void) => void;
  /** After a reconnect or a gap in `seq`: a fresh snapshot. */
  'queue:sync': (request: { centreId: string }, ack: (reply: CentreQueueSnapshot | { error: string }) => void) => void;
}

export interface DisplayServerToClientEvents {
  'display:state': (state: DisplayState) => void;
  'display:called': (called: CalledTicket & { seq: number; chime: true }) => void;
}

export interface DisplayClientToServerEvents {
  'display:sync': (ack: (state: DisplayState) => void) => void;
}

export interface TrackServerToClientEvents {
  'track:update': (view: TrackView) => void;
}

export type TrackClientToServerEvents = Record<string, never>;

import type { CalledTicket, CentreQueueSnapshot, CounterState, DisplayState, QueueChange, TrackView } from './queue-views';

/** Socket.io namespace for clerk consoles: JWT at the handshake; a room per centre (and one per centre for oversight). */
export const CLERK_NAMESPACE = '/queue';
/** Displays: a device token at the handshake; read-only. Waiting-room boards join their centre's room, counter displays their desk's. */
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

/**
 * A waiting-room board gets `display:state` and `display:called`; a counter display (a display
 * device registered with a desk) gets only `counter:state`, for its desk (the desk's room).
 */
export interface DisplayServerToClientEvents {
  'display:state': (state: DisplayState) => void;
  'display:called': (called: CalledTicket & { seq: number; chime: true }) => void;
  'counter:state': (state: CounterState) => void;
}

export interface DisplayClientToServerEvents {
  /** A board: its state now; a counter display: its desk's (CounterState). */
  'display:sync': (ack: (state: DisplayState | CounterState) => void) => void;
}

export interface TrackServerToClientEvents {
  'track:update': (view: TrackView) => void;
}

export type TrackClientToServerEvents = Record<string, never>;

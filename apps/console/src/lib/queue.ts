// A centre's live queue for clerk-side pages: snapshot on join, ordered changes by seq, a fresh
// snapshot after every reconnect or gap. Unchanged tickets keep their object identity, so memoized
// rows do not re-render.
import { useCallback, useMemo, useReducer, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import { useSession } from './auth';
import { SeqStream, useSocket, type ConnectionStatus } from './socket';
import type { CentreQueueSnapshot, ClerkClientToServerEvents, ClerkServerToClientEvents, DeskView, QueueChange, QueueView, TicketView } from './queue-types';

export interface CentreQueueState {
  centreId: string;
  seq: number;
  queues: QueueView[];
  desks: Map<string, DeskView>;
  tickets: Map<string, TicketView>;
  settings: CentreQueueSnapshot['settings'];
  /** When the last snapshot arrived (a resync shows as a new value). */
  syncedAt: number;
}

const CLOSED = ['finished', 'no_show', 'left'];

type Action = { type: 'snapshot'; snapshot: CentreQueueSnapshot } | { type: 'change'; change: QueueChange };

/** A view without `notes` (a replayed command answer) keeps the notes already known. */
const withKnownNotes = (ticket: TicketView, old: TicketView | undefined): TicketView =>
  ticket.notes === undefined && old?.notes !== undefined ? { ...ticket, notes: old.notes, notesUpdatedAt: old.notesUpdatedAt ?? null } : ticket;

function reduce(state: CentreQueueState | null, action: Action): CentreQueueState | null {
  if (action.type === 'snapshot') {
    const s = action.snapshot;
    const tickets = new Map<string, TicketView>();
    for (const t of s.tickets) {
      const old = state?.tickets.get(t.id);
      tickets.set(t.id, old && old.version === t.version && old.position === t.position && old.canUndo?.until === t.canUndo?.until ? old : t);
    }
    return { centreId: s.centreId, seq: s.seq, queues: s.queues, desks: new Map(s.desks.map((d) => [d.id, d])), tickets, settings: s.settings, syncedAt: Date.now() };
  }
  if (!state) return state;
  const c = action.change;
  const next: CentreQueueState = { ...state, seq: Math.max(state.seq, c.seq) };
  if (c.ticket) {
    const old = state.tickets.get(c.ticket.id);
    // A command's own answer may arrive before or after its change event: never go back a version.
    if (!old || old.version <= c.ticket.version) {
      next.tickets = new Map(state.tickets);
      if (c.type === 'ticket.closed' || CLOSED.includes(c.ticket.status)) next.tickets.delete(c.ticket.id);
      else next.tickets.set(c.ticket.id, withKnownNotes(c.ticket, old));
    }
  }
  if (c.desk) next.desks = new Map(state.desks).set(c.desk.id, c.desk);
  if (c.queues) next.queues = c.queues;
  return next;
}

export interface CentreQueue {
  state: CentreQueueState | null;
  status: ConnectionStatus;
  error: string | null;
  /** Ask for a fresh snapshot now (e.g. after a refused command). */
  resync(): void;
  /** Apply a command's answer at once (the change event follows; duplicates are harmless). */
  applyTicket(ticket: TicketView): void;
}

export function useCentreQueue(centreId: string | null): CentreQueue {
  const { token } = useSession();
  const [state, dispatch] = useReducer(reduce, null);
  const [error, setError] = useReducer((_: string | null, e: string | null) => e, null);
  const socketRef = useRef<Socket<ClerkServerToClientEvents, ClerkClientToServerEvents> | null>(null);
  const streamRef = useRef<SeqStream<QueueChange> | null>(null);

  const requestSnapshot = useCallback(
    (join: boolean) => {
      const socket = socketRef.current;
      const stream = streamRef.current;
      if (!socket || !stream || !centreId) return;
      stream.begin();
      socket.emit(join ? 'queue:join' : 'queue:sync', { centreId }, (reply) => {
        if ('error' in reply) {
          setError(reply.error);
          return;
        }
        setError(null);
        dispatch({ type: 'snapshot', snapshot: reply });
        stream.snapshot(reply.seq);
      });
    },
    [centreId],
  );

  const setup = useCallback(
    (socket: Socket<ClerkServerToClientEvents, ClerkClientToServerEvents>) => {
      socketRef.current = socket;
      const stream = new SeqStream<QueueChange>(
        (change) => {
          if (change.type === 'settings.updated') requestSnapshot(false);
          else dispatch({ type: 'change', change });
        },
        () => requestSnapshot(false),
      );
      streamRef.current = stream;
      // Every (re)connect is a new server-side socket: join the centre's room again, with a snapshot.
      socket.on('connect', () => requestSnapshot(true));
      socket.on('queue:changes', (changes) => {
        for (const change of changes) if (change.centreId === centreId) stream.push(change);
      });
    },
    [centreId, requestSnapshot],
  );

  const auth = useMemo(() => (token && centreId ? { token, centre: centreId } : null), [token, centreId]);
  const { status, error: socketError } = useSocket<ClerkServerToClientEvents, ClerkClientToServerEvents>('/queue', auth, setup);

  const applyTicket = useCallback((ticket: TicketView) => {
    dispatch({ type: 'change', change: { centreId: ticket.id, seq: -1, at: new Date().toISOString(), type: 'ticket.updated', ticket } });
  }, []);

  return { state, status, error: socketError ?? error, resync: () => requestSnapshot(false), applyTicket };
}

// socket.io on the same origin: one socket per hook, websocket transport, automatic reconnects,
// and a connection status every page can show. Sequence/gap/snapshot handling: SeqStream.
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';

// socket.io-client's own event-map constraint (interfaces of named events satisfy it).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EventsMap = { [event: string]: any };

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

export interface SocketState<S extends EventsMap, C extends EventsMap> {
  socket: Socket<S, C> | null;
  status: ConnectionStatus;
  /** The server's refusal code (e.g. AUTH.INVALID_TOKEN) when status is 'refused'. */
  error: string | null;
}

/** Open sockets by namespace, for diagnostics and the browser tests (`window.__vpvkacSockets`). */
const open = new Set<Socket>();
(window as unknown as { __vpvkacSockets: Set<Socket> }).__vpvkacSockets = open;

/**
 * Connects to `namespace` with `auth` at the handshake while `auth` is not null. `setup` registers
 * the listeners (called once per socket, before it connects; may return a cleanup). Reconnects
 * forever with back-off; a refused handshake (bad token) stops and reports 'refused'.
 */
export function useSocket<S extends EventsMap, C extends EventsMap>(
  namespace: string,
  auth: Record<string, string> | null,
  setup: (socket: Socket<S, C>) => void | (() => void),
): SocketState<S, C> {
  const [state, setState] = useState<SocketState<S, C>>({ socket: null, status: 'connecting', error: null });
  const setupRef = useRef(setup);
  setupRef.current = setup;
  const authKey = auth ? JSON.stringify(auth) : null;

  useEffect(() => {
    if (!authKey) return;
    const socket: Socket<S, C> = io(namespace, {
      auth: JSON.parse(authKey) as Record<string, string>,
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      autoConnect: false,
    });
    open.add(socket as Socket);
    setState({ socket, status: 'connecting', error: null });
    const cleanup = setupRef.current(socket);
    socket.on('connect', () => setState({ socket, status: 'online', error: null }));
    socket.on('disconnect', (reason) => {
      setState({ socket, status: 'offline', error: null });
      // The server closed us on purpose (e.g. a restart): come back anyway.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
    });
    socket.on('connect_error', (err) => {
      const code = err.message;
      if (/^(AUTH|REQUEST|QUEUE)\./.test(code)) setState({ socket, status: 'refused', error: code });
      else setState({ socket, status: 'offline', error: null });
    });
    socket.connect();
    return () => {
      if (typeof cleanup === 'function') cleanup();
      socket.removeAllListeners();
      socket.disconnect();
      open.delete(socket as Socket);
    };
  }, [namespace, authKey]);

  return state;
}

/**
 * In-order delivery of sequenced changes: applies seq+1, ignores duplicates (seq ≤ current), and on
 * a gap asks for a snapshot, buffering what arrives meanwhile and replaying what is newer.
 */
export class SeqStream<C extends { seq: number }> {
  private seq = -1;
  private syncing = false;
  private buffer: C[] = [];

  constructor(
    private readonly apply: (change: C) => void,
    private readonly requestSnapshot: () => void,
  ) {}

  get current(): number {
    return this.seq;
  }

  /** Call before asking for a snapshot (connect, reconnect): changes are buffered until `snapshot`. */
  begin(): void {
    this.syncing = true;
  }

  /**
   * A snapshot arrived with its seq: replay the buffered changes that continue it. A change further
   * ahead (the snapshot was older than what already arrived) asks again a little later, not at once.
   */
  snapshot(seq: number): void {
    this.seq = seq;
    this.syncing = false;
    const pending = this.buffer.filter((c) => c.seq > seq).sort((a, b) => a.seq - b.seq);
    this.buffer = [];
    for (const c of pending) {
      if (c.seq <= this.seq) continue;
      if (c.seq !== this.seq + 1) {
        this.buffer = pending.filter((x) => x.seq > this.seq);
        this.syncing = true;
        setTimeout(() => this.requestSnapshot(), 1000);
        return;
      }
      this.seq = c.seq;
      this.apply(c);
    }
  }

  push(change: C): void {
    if (this.syncing) {
      this.buffer.push(change);
      return;
    }
    if (change.seq <= this.seq) return;
    if (this.seq >= 0 && change.seq !== this.seq + 1) {
      this.buffer.push(change);
      this.begin();
      this.requestSnapshot();
      return;
    }
    this.seq = change.seq;
    this.apply(change);
  }
}

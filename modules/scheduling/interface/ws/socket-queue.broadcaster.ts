import { Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { CalledTicket, QueueChange, TrackView } from '../../contracts';
import { QueueBroadcaster, type CommittedQueueChanges } from '../../application/queue/queue-broadcaster';
import { GetCounterStateQuery, GetDisplayStateQuery } from '../../application/queue/queue-queries';
import { CentreNames } from '../../application/queue/centre-names';
import { QueueStateStore } from '../../infrastructure/persistence';
import { withoutNotes } from '../../application/queue/queue-views.mapper';
import { ClerkQueueGateway, DisplayGateway, QUEUE_BATCH_EVENT, TrackGateway, centreRoom, deskRoom, oversightRoom, trackKey } from './queue.gateways';

const DISPLAY_STATE_DEBOUNCE_MS = 200;
const SERVER_SIDE_EMIT = 9; // socket.io-adapter's MessageType.SERVER_SIDE_EMIT

/** One committed command, as it travels to the other instances (no tracking tokens: only their hashes). */
interface QueueBatch {
  centreId: string;
  changes: QueueChange[];
  calls: Array<CalledTicket & { seq: number }>;
  track: Array<{ key: string; view: TrackView }>;
  displayChanged: boolean;
}

/** The parts of socket.io's cluster adapter (here the PostgreSQL one) used to reach other instances. */
interface ClusterAdapter {
  serverCount(): Promise<number>;
  publishAndReturnOffset?(message: { type: number; data: { packet: unknown[] } }): Promise<unknown>;
}

/**
 * Pushes committed changes: every change to the centre's consoles (in seq order), calls to its
 * displays at once (with a chime), the display's state debounced, and each affected ticket's
 * tracker. Each instance delivers to its own sockets; a command's whole batch goes to the other
 * instances as ONE server-side message through the adapter (one NOTIFY per command, none when
 * this is the only instance), not one per emit.
 */
@Injectable()
export class SocketQueueBroadcaster extends QueueBroadcaster {
  private readonly logger = new Logger(SocketQueueBroadcaster.name);
  private readonly pendingDisplay = new Map<string, NodeJS.Timeout>();
  /** What this instance last sent to each centre's boards (without `seq`): an unchanged board gets nothing. */
  private readonly lastDisplay = new Map<string, string>();
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly clerks: ClerkQueueGateway,
    private readonly displays: DisplayGateway,
    private readonly trackers: TrackGateway,
    private readonly queries: QueryBus,
    private readonly centreNames: CentreNames,
    store: QueueStateStore,
  ) {
    super();
    this.clerks.onBatchFromOtherInstance((batch) => this.deliverLocal(batch as QueueBatch));
    // The adapter's heartbeats know the other instances; alone, cached queue state needs no re-check.
    store.setAloneCheck(async () => {
      const adapter = this.clerks.server?.adapter as unknown as ClusterAdapter | undefined;
      return !!adapter && (await adapter.serverCount()) === 1;
    });
  }

  override async tracking(centreId: string): Promise<boolean> {
    if (this.trackers.tracks(centreId)) return true;
    const adapter = this.clerks.server?.adapter as unknown as ClusterAdapter | undefined;
    return !adapter || (await adapter.serverCount()) !== 1;
  }

  /**
   * Batches of one centre go out strictly one after another, so the other instances receive them
   * in commit order (their sockets see the same seq order as ours).
   */
  publish(c: CommittedQueueChanges): Promise<void> {
    const previous = this.chains.get(c.centreId) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(c)).catch((err: unknown) => this.logger.warn({ err }, 'queue batch not sent to other instances'));
    this.chains.set(c.centreId, next);
    void next.then(() => {
      if (this.chains.get(c.centreId) === next) this.chains.delete(c.centreId);
    });
    return next;
  }

  private async deliver(c: CommittedQueueChanges): Promise<void> {
    const centreName = c.track.length > 0 ? await this.centreNames.of(c.centreId) : '';
    const batch: QueueBatch = {
      centreId: c.centreId,
      changes: c.changes,
      calls: c.calls,
      track: c.track.map((t) => ({ key: trackKey(t.trackingToken), view: { ...t.view, centreName } })),
      displayChanged: c.displayChanged,
    };
    this.deliverLocal(batch);
    const adapter = this.clerks.server.adapter as unknown as ClusterAdapter;
    if (adapter.publishAndReturnOffset && (await adapter.serverCount()) > 1) {
      await adapter.publishAndReturnOffset({ type: SERVER_SIDE_EMIT, data: { packet: [QUEUE_BATCH_EVENT, batch] } });
    }
  }

  /** To this instance's consoles, displays and trackers of the centre. */
  private deliverLocal(batch: QueueBatch): void {
    const room = centreRoom(batch.centreId);
    // One frame per command and console: the command's changes, in seq order.
    if (batch.changes.length > 0) this.clerks.server.local.to(room).emit('queue:changes', batch.changes);
    // Administrators and auditors watching the centre get the same changes without the visit notes.
    const oversight = oversightRoom(batch.centreId);
    if (batch.changes.length > 0 && this.clerks.server.adapter.rooms.get(oversight)?.size) {
      this.clerks.server.local.to(oversight).emit('queue:changes', batch.changes.map((change) => (change.ticket ? { ...change, ticket: withoutNotes(change.ticket) } : change)));
    }
    for (const call of batch.calls) this.displays.server.local.to(room).emit('display:called', { ...call, chime: true });
    if (batch.displayChanged) this.scheduleDisplayState(batch.centreId);
    if (batch.track.length > 0) this.trackers.deliverLocal({ centreId: batch.centreId, updates: batch.track });
    this.deliverCounters(batch);
  }

  /**
   * Counter displays of the desks this command touched (the desk itself, or a ticket at it): their
   * desk's state now, with a chime on a call or recall there. Nothing is read when no desk of the
   * batch has a counter display on this instance (the usual case).
   */
  private deliverCounters(batch: QueueBatch): void {
    const touched = new Set<string>();
    for (const change of batch.changes) {
      if (change.desk) touched.add(change.desk.id);
      if (change.ticket?.deskId) touched.add(change.ticket.deskId);
    }
    if (touched.size === 0) return;
    const desks = this.displays.countersAmong(touched);
    if (desks.length === 0) return;
    const calledAt = new Set(batch.calls.map((call) => call.deskNumber));
    for (const deskId of desks) {
      this.queries
        .execute(new GetCounterStateQuery(batch.centreId, deskId))
        .then((state) => {
          const chime = !!state.ticket && calledAt.has(state.deskNumber);
          this.displays.server.local.to(deskRoom(deskId)).emit('counter:state', { ...state, chime });
        })
        .catch(() => undefined);
    }
  }

  private scheduleDisplayState(centreId: string): void {
    if (this.pendingDisplay.has(centreId)) return;
    const timer = setTimeout(() => {
      this.pendingDisplay.delete(centreId);
      this.queries
        .execute(new GetDisplayStateQuery(centreId))
        .then((state) => {
          // Starting or finishing a service, or a ticket moving between desks, changes nothing a
          // board shows (waiting counts, last calls, the message): about half of the refreshes.
          // A board that connects later gets the whole state on joining, and boards re-sync anyway.
          const shown = JSON.stringify([state.centreName, state.message, state.lastCalled, state.waiting]);
          if (this.lastDisplay.get(centreId) === shown) return;
          this.lastDisplay.set(centreId, shown);
          this.displays.server.local.to(centreRoom(centreId)).emit('display:state', state);
        })
        .catch(() => undefined);
    }, DISPLAY_STATE_DEBOUNCE_MS);
    timer.unref();
    this.pendingDisplay.set(centreId, timer);
  }
}

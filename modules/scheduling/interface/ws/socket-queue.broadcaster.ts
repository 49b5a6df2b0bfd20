import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { QueryBus } from '@nestjs/cqrs';
import { GetCentreQuery } from '@modules/network';
import { QueueBroadcaster, type CommittedQueueChanges } from '../../application/queue/queue-broadcaster';
import { GetDisplayStateQuery } from '../../application/queue/queue-queries';
import { ClerkQueueGateway, DisplayGateway, TrackGateway, centreRoom, trackKey } from './queue.gateways';

const DISPLAY_STATE_DEBOUNCE_MS = 200;

/**
 * Pushes committed changes: every change to the centre's consoles (in seq order), calls to its
 * displays at once (with a chime), the display's counts debounced, and each affected ticket's
 * tracker. The socket.io PostgreSQL adapter carries them to clients on other instances.
 */
@Injectable()
export class SocketQueueBroadcaster extends QueueBroadcaster {
  private readonly pendingDisplay = new Map<string, NodeJS.Timeout>();
  private readonly centreNames = new Map<string, string>();
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly clerks: ClerkQueueGateway,
    private readonly displays: DisplayGateway,
    private readonly trackers: TrackGateway,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  /**
   * Changes of one centre go out strictly one after another: the adapter publishes each emit to
   * PostgreSQL before delivering it, and two emits in flight could overtake each other.
   */
  publish(c: CommittedQueueChanges): Promise<void> {
    const previous = this.chains.get(c.centreId) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(c)).catch(() => undefined);
    this.chains.set(c.centreId, next);
    void next.then(() => {
      if (this.chains.get(c.centreId) === next) this.chains.delete(c.centreId);
    });
    return next;
  }

  private async deliver(c: CommittedQueueChanges): Promise<void> {
    const room = centreRoom(c.centreId);
    for (const change of c.changes) await broadcastInOrder(this.clerks.server as unknown as Namespace, room, 'queue:change', change);
    for (const call of c.calls) this.displays.server.to(room).emit('display:called', { ...call, chime: true });
    if (c.displayChanged) this.scheduleDisplayState(c.centreId);
    if (c.track.length > 0) {
      const centreName = await this.centreName(c.centreId);
      this.trackers.publish({ centreId: c.centreId, updates: c.track.map((t) => ({ key: trackKey(t.trackingToken), view: { ...t.view, centreName } })) });
    }
  }

  private scheduleDisplayState(centreId: string): void {
    if (this.pendingDisplay.has(centreId)) return;
    const timer = setTimeout(() => {
      this.pendingDisplay.delete(centreId);
      this.queries
        .execute(new GetDisplayStateQuery(centreId))
        .then((state) => this.displays.server.to(centreRoom(centreId)).emit('display:state', state))
        .catch(() => undefined);
    }, DISPLAY_STATE_DEBOUNCE_MS);
    timer.unref();
    this.pendingDisplay.set(centreId, timer);
  }

  private async centreName(centreId: string): Promise<string> {
    if (!this.centreNames.has(centreId)) {
      const centre = await this.queries.execute(new GetCentreQuery(centreId));
      this.centreNames.set(centreId, centre?.shortName ?? '');
    }
    return this.centreNames.get(centreId)!;
  }
}

/** An emit that resolves once the adapter has published it to the other instances and delivered it here. */
async function broadcastInOrder(ns: Namespace, room: string, event: string, payload: unknown): Promise<void> {
  const adapter = ns.adapter as unknown as { broadcast(packet: unknown, opts: unknown): Promise<void> | void };
  await adapter.broadcast({ type: 2, data: [event, payload], nsp: ns.name }, { rooms: new Set([room]), except: new Set<string>(), flags: {} });
}

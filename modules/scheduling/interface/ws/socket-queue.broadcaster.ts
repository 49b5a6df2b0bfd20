import { Injectable } from '@nestjs/common';
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

  constructor(
    private readonly clerks: ClerkQueueGateway,
    private readonly displays: DisplayGateway,
    private readonly trackers: TrackGateway,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  async publish(c: CommittedQueueChanges): Promise<void> {
    const room = centreRoom(c.centreId);
    for (const change of c.changes) this.clerks.server.to(room).emit('queue:change', change);
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

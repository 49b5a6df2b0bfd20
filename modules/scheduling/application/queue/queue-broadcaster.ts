import type { CalledTicket, QueueChange } from '../../contracts';

import type { TrackView } from '../../contracts';

export interface TrackUpdate {
  trackingToken: string;
  view: Omit<TrackView, 'centreName'>;
}

export interface CommittedQueueChanges {
  centreId: string;
  changes: QueueChange[];
  calls: Array<CalledTicket & { seq: number }>;
  /** Tickets whose public tracker should refresh (position or status changed). */
  track: TrackUpdate[];
  displayChanged: boolean;
}

/** Port: pushes committed queue changes to consoles, displays and trackers (socket.io adapter). */
export abstract class QueueBroadcaster {
  abstract publish(committed: CommittedQueueChanges): Promise<void>;

  /**
   * Whether anyone may follow the centre's tickets on a public tracker: one connected to this
   * instance, or any when other instances run (their trackers are not known here). Tracker views
   * (a place in line and an estimate for every waiting ticket of the queues a command touched) are
   * computed only then.
   */
  tracking(_centreId: string): Promise<boolean> {
    return Promise.resolve(true);
  }
}

/**
 * What became of a remote consultation, from RemoteOfficial's and Scheduling's events. Derived
 * from which moments are known, so the events may arrive in any order:
 * - on demand: `failed` (the video failed), `completed` (ended after both participants joined),
 *   `not_connected` (ended before both joined), `abandoned` (the request was given up before a
 *   specialist answered), `in_progress` (answered, not ended yet), `waiting`;
 * - booked: `rescheduled` (replaced by another booking), `cancelled`, `no_show`, `completed` /
 *   `failed` when a session of the booking is known, else `booked`.
 */
export const REMOTE_OUTCOMES = ['waiting', 'in_progress', 'completed', 'not_connected', 'failed', 'abandoned', 'booked', 'cancelled', 'no_show', 'rescheduled'] as const;
export type RemoteOutcome = (typeof REMOTE_OUTCOMES)[number];

export interface RemoteMoments {
  kind: 'on_demand' | 'booked';
  acceptedAt?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
  failedAt?: string | null;
  abandonedAt?: string | null;
  cancelledAt?: string | null;
  noShowAt?: string | null;
  rescheduledAt?: string | null;
}

export function remoteOutcomeOf(m: RemoteMoments): RemoteOutcome {
  if (m.kind === 'booked') {
    if (m.rescheduledAt) return 'rescheduled';
    if (m.cancelledAt) return 'cancelled';
    if (m.noShowAt) return 'no_show';
  }
  if (m.failedAt) return 'failed';
  if (m.endedAt) return m.startedAt ? 'completed' : 'not_connected';
  if (m.abandonedAt) return 'abandoned';
  if (m.kind === 'booked') return 'booked';
  return m.acceptedAt ? 'in_progress' : 'waiting';
}

/**
 * The same rule in SQL over reporting.remote_fact (alias `r`), for the reports; the unit test
 * checks both agree.
 */
export const REMOTE_OUTCOME_SQL = `case
  when r.kind = 'booked' and r.rescheduled_at is not null then 'rescheduled'
  when r.kind = 'booked' and r.cancelled_at is not null then 'cancelled'
  when r.kind = 'booked' and r.no_show_at is not null then 'no_show'
  when r.failed_at is not null then 'failed'
  when r.ended_at is not null and r.started_at is not null then 'completed'
  when r.ended_at is not null then 'not_connected'
  when r.abandoned_at is not null then 'abandoned'
  when r.kind = 'booked' then 'booked'
  when r.accepted_at is not null then 'in_progress'
  else 'waiting' end`;

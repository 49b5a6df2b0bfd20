/** Plain rules of remote consultations (no framework). */

/** A session whose room should exist and may be joined. */
export const ACTIVE_SESSION_STATUSES = ['room_ready', 'participants_joined', 'in_call'] as const;
/** States a session may be ended from. */
export const ENDABLE_SESSION_STATUSES = [...ACTIVE_SESSION_STATUSES, 'interrupted'] as const;

export const SESSION_OUTCOMES = ['resolved', 'follow_up', 'referred', 'not_resolved', 'technical_problem'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

export const isActiveSession = (status: string): boolean => (ACTIVE_SESSION_STATUSES as readonly string[]).includes(status);
export const isEndableSession = (status: string): boolean => (ENDABLE_SESSION_STATUSES as readonly string[]).includes(status);

/**
 * A rough wait estimate for the `position`-th request in line: the recent mean consultation length
 * (or the service's default) times the requests ahead, spread over the sessions running now.
 */
export function estimateWaitSeconds(position: number, meanSeconds: number, runningSessions: number): number {
  const ahead = Math.max(0, position - 1);
  return Math.round(((ahead + 0.5) * meanSeconds) / Math.max(1, runningSessions));
}

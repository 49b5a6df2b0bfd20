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

/** A booked session may be joined from this many minutes before its start… */
export const JOIN_WINDOW_BEFORE_MINUTES = 10;
/** …until its booked end plus this grace. */
export const JOIN_GRACE_AFTER_END_MINUTES = 15;
/** A session nobody joined this long after its start (booked) or its acceptance (on demand) is abandoned. */
export const ABANDON_AFTER_MINUTES = 15;

const MINUTE = 60_000;

export interface JoinWindow {
  opensAt: Date;
  closesAt: Date;
}

export function joinWindow(scheduledStart: Date, scheduledEnd: Date): JoinWindow {
  return { opensAt: new Date(scheduledStart.getTime() - JOIN_WINDOW_BEFORE_MINUTES * MINUTE), closesAt: new Date(scheduledEnd.getTime() + JOIN_GRACE_AFTER_END_MINUTES * MINUTE) };
}

export const isWithinJoinWindow = (window: JoinWindow, now: Date): boolean => now >= window.opensAt && now < window.closesAt;

/**
 * Whether a session nobody has joined yet (no `startedAt`) is abandoned at `now`: the clock starts at
 * the booked start for a booked session, at the acceptance for an on-demand one.
 */
export function isAbandonedAt(session: { status: string; startedAt: Date | null; scheduledStart: Date | null; acceptedAt: Date }, now: Date): boolean {
  if (session.startedAt) return false;
  if (session.status !== 'scheduled' && session.status !== 'room_ready') return false;
  const from = session.scheduledStart ?? session.acceptedAt;
  return now.getTime() >= from.getTime() + ABANDON_AFTER_MINUTES * MINUTE;
}

/** States a session may fail from. */
export const FAILABLE_SESSION_STATUSES = ['room_ready', 'participants_joined', 'in_call', 'interrupted'] as const;
export const isFailableSession = (status: string): boolean => (FAILABLE_SESSION_STATUSES as readonly string[]).includes(status);
/** Final states: no room, no tokens. */
export const TERMINAL_SESSION_STATUSES = ['ended', 'failed', 'abandoned', 'cancelled'] as const;

/** Fewer recent durations than this and the default service time is used instead. */
export const MIN_SERVICE_SAMPLES = 5;

export interface EstimateWaitInput {
  /** Tickets ahead in the queue (see positionOf). */
  position: number;
  /** Recent service durations, in minutes, for this queue and hour of day. */
  serviceMinutesSamples: readonly number[];
  /** Desks open and serving this queue now. */
  staffedDesks: number;
  defaultServiceMinutes: number;
}

export interface WaitEstimate {
  aheadCount: number;
  minMinutes: number;
  /** null when no desk serves the queue now: there is no honest upper bound. */
  maxMinutes: number | null;
}

/** Linear interpolation between closest ranks (the spreadsheet PERCENTILE.INC). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/**
 * A range, not a promise. Per-ticket service time: the 25th percentile of recent durations for
 * the optimistic end, the 75th for the pessimistic one (the default for both when there are too
 * few samples). With d staffed desks a ticket is called after (ahead + 1) services end somewhere:
 * optimistic, one ends right now, so ahead × p25 ÷ d; pessimistic, all desks have just started,
 * so (ahead + 1) × p75 ÷ d. With no staffed desk the lower end assumes one desk opens now and
 * the upper end is null.
 */
export function estimateWait(input: EstimateWaitInput): WaitEstimate {
  const aheadCount = Math.max(0, Math.floor(input.position));
  const samples = input.serviceMinutesSamples.filter((minutes) => Number.isFinite(minutes) && minutes > 0);
  const enough = samples.length >= MIN_SERVICE_SAMPLES;
  const optimistic = enough ? percentile(samples, 0.25) : input.defaultServiceMinutes;
  const pessimistic = enough ? percentile(samples, 0.75) : input.defaultServiceMinutes;
  const desks = Math.floor(input.staffedDesks);
  if (desks < 1) return { aheadCount, minMinutes: Math.floor(aheadCount * optimistic), maxMinutes: null };
  return {
    aheadCount,
    minMinutes: Math.floor((aheadCount * optimistic) / desks),
    maxMinutes: Math.ceil(((aheadCount + 1) * pessimistic) / desks),
  };
}

/**
 * When to try a webhook again (Standard Webhooks): the schedule's next step with ±20 % jitter,
 * but never earlier than the receiver's Retry-After. null once the schedule is exhausted.
 */
export function nextAttemptAt(attemptsMade: number, scheduleSeconds: readonly number[], now: Date, retryAfterSeconds?: number, random = Math.random): Date | null {
  if (attemptsMade >= scheduleSeconds.length) return null;
  const base = scheduleSeconds[attemptsMade]!;
  const jittered = base * (0.8 + 0.4 * random());
  const delay = Math.max(jittered, retryAfterSeconds ?? 0);
  return new Date(now.getTime() + delay * 1000);
}

/** Retry-After as seconds (delta-seconds or an HTTP date); undefined when absent or unusable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now.getTime()) / 1000);
}

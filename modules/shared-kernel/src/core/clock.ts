/** Time source; tests pass a fixed clock instead of reading the wall clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

/**
 * The wall clock, unless pinned (tests). Each module's injectable clock (bookings, the walk-in
 * queue, remote sessions) extends it, so a test can pin one module's time without the others'.
 */
export class PinnableClock implements Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : systemClock.now();
  }

  /** Pins the clock (null: back to the wall clock). */
  set(at: Date | null): void {
    this.fixed = at ? new Date(at) : null;
  }
}

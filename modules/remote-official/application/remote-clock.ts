import { Injectable } from '@nestjs/common';
import { systemClock, type Clock } from '@modules/shared-kernel';

/**
 * The time booked sessions are checked against (join window, abandonment); tests pin it.
 * Timestamps of what happens (accepted, started, ended) are the wall clock's.
 */
@Injectable()
export class RemoteClock implements Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : systemClock.now();
  }

  /** Pins the clock (null: back to the wall clock). */
  set(at: Date | null): void {
    this.fixed = at ? new Date(at) : null;
  }
}

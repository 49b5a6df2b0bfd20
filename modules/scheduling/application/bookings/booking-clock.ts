import { Injectable } from '@nestjs/common';
import { systemClock, type Clock } from '@modules/shared-kernel';

/** The time bookings are checked against; tests pin it (holds, notice, horizon, no-shows). */
@Injectable()
export class BookingClock implements Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : systemClock.now();
  }

  /** Pins the clock (null: back to the wall clock). */
  set(at: Date | null): void {
    this.fixed = at ? new Date(at) : null;
  }
}

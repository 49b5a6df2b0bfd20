import { Injectable } from '@nestjs/common';
import { systemClock, type Clock } from '@modules/shared-kernel';

/** The time queue commands happen at (ticket numbers' service day, periods); tests pin it, e.g. around midnight. */
@Injectable()
export class QueueClock implements Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : systemClock.now();
  }

  /** Pins the clock (null: back to the wall clock). */
  set(at: Date | null): void {
    this.fixed = at ? new Date(at) : null;
  }
}

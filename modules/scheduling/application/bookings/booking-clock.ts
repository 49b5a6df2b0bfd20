import { Injectable } from '@nestjs/common';
import { PinnableClock } from '@modules/shared-kernel';

/** The time bookings are checked against; tests pin it (holds, notice, horizon, no-shows). */
@Injectable()
export class BookingClock extends PinnableClock {}

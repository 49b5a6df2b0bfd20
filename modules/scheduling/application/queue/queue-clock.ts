import { Injectable } from '@nestjs/common';
import { PinnableClock } from '@modules/shared-kernel';

/** The time queue commands happen at (ticket numbers' service day, periods); tests pin it, e.g. around midnight. */
@Injectable()
export class QueueClock extends PinnableClock {}

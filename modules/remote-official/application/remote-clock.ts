import { Injectable } from '@nestjs/common';
import { PinnableClock } from '@modules/shared-kernel';

/**
 * The time booked sessions are checked against (join window, abandonment); tests pin it.
 * Timestamps of what happens (accepted, started, ended) are the wall clock's.
 */
@Injectable()
export class RemoteClock extends PinnableClock {}

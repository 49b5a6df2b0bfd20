import { LatvianCalendar } from '@modules/shared-kernel';

/** The Latvian working-time calendar centres follow for holidays and shortened days. */
export const NETWORK_CALENDAR = Symbol('NETWORK_CALENDAR');
export const networkCalendarProvider = { provide: NETWORK_CALENDAR, useFactory: (): LatvianCalendar => new LatvianCalendar() };

import { Desk } from './desk';
import { ServiceQueue } from './service-queue';
import { Ticket, type IssueTicketInput } from './ticket';

export const CENTRE = 'centre-1';
export const ANNA = 'clerk-anna';
export const BEN = 'clerk-ben';
/** 10:00 in Riga on an ordinary Tuesday (UTC+2). */
export const T0 = new Date('2026-03-10T08:00:00Z');
export const at = (seconds: number, from: Date = T0): Date => new Date(from.getTime() + seconds * 1000);

export const aQueue = (overrides: Partial<ServiceQueue> = {}): ServiceQueue =>
  Object.assign(ServiceQueue.create({ id: 'queue-a', centreId: CENTRE, nameLv: 'Deklarēšana', nameEn: 'Registration', prefix: 'A', serviceCodes: ['DECL'] }), overrides);

export const anOpenDesk = (clerkId = ANNA, queueIds: string[] = ['queue-a'], overrides: Partial<Desk> = {}): Desk => {
  const desk = Desk.create({ id: `desk-${clerkId}`, centreId: CENTRE, number: '3' });
  desk.open(clerkId, queueIds, T0);
  return Object.assign(desk, overrides);
};

let nextSeq = 1;
export const aTicket = (overrides: Partial<IssueTicketInput> = {}): Ticket =>
  Ticket.issue({ queue: aQueue(), seq: nextSeq++, issuedBy: 'kiosk-1', now: T0, serviceCode: 'DECL', ...overrides });

/** A ticket Anna has called to her desk; returns both. */
export function aCalledTicket(now: Date = at(60)): { ticket: Ticket; desk: Desk } {
  const ticket = aTicket();
  const desk = anOpenDesk();
  ticket.call(desk, ANNA, now);
  return { ticket, desk };
}

export function aServedTicket(now: Date = at(120)): { ticket: Ticket; desk: Desk } {
  const { ticket, desk } = aCalledTicket();
  ticket.startService(ANNA, now);
  return { ticket, desk };
}

export function aParkedTicket(now: Date = at(300)): { ticket: Ticket; desk: Desk } {
  const { ticket, desk } = aServedTicket();
  ticket.park(ANNA, now, 'fetching passport');
  desk.syncWith(ticket);
  return { ticket, desk };
}

/** Runs an action expected to fail and returns the DomainError's code. */
export function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error('expected the action to fail');
}

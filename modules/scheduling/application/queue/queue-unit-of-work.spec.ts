import { ANNA, CENTRE, aCalledTicket, aQueue, aServedTicket, aTicket, at } from '../../domain/queue/queue.fixture';
import type { Desk, Ticket } from '../../domain/queue';
import { CentreQueueSettings, CentreQueueState } from '../../infrastructure/persistence';
import { QueueUnitOfWork } from './queue-unit-of-work';

/** When a command makes the display board's state worth computing again (ADR 0008; the broadcaster also drops unchanged states). */
describe('QueueUnitOfWork.affectsDisplay', () => {
  const unitOf = (tickets: Ticket[], desks: Desk[] = []): QueueUnitOfWork => {
    const settings = Object.assign(new CentreQueueSettings(), { centreId: CENTRE });
    const state = new CentreQueueState(CENTRE, 7, settings, [aQueue()], new Map(desks.map((d) => [d.id, d])), new Map(tickets.map((t) => [t.id, t])), new Map(), new Set(), [], new Map());
    return new QueueUnitOfWork(state, at(600), () => Promise.resolve(null));
  };

  it('is false when a service starts, is parked or finishes (waiting counts and last calls stay)', async () => {
    const called = aCalledTicket().ticket;
    const uow = unitOf([called]);
    const t = await uow.ticket(called.id);
    t.startService(ANNA, at(600));
    uow.ticketChanged(t);
    expect(uow.affectsDisplay).toBe(false);

    const served = aServedTicket().ticket;
    const finishing = unitOf([served]);
    const f = await finishing.ticket(served.id);
    f.finish({ kind: 'served' }, ANNA, at(600));
    finishing.ticketChanged(f);
    expect(finishing.affectsDisplay).toBe(false);

    const parking = unitOf([aServedTicket().ticket]);
    const p = await parking.ticket([...parking.state.active.keys()][0]!);
    p.park(ANNA, at(600), 'documents');
    parking.ticketChanged(p);
    expect(parking.affectsDisplay).toBe(false);
  });

  it('is true when a ticket enters or leaves waiting, on a call, and for queue or settings changes', async () => {
    const served = aServedTicket().ticket;
    const back = unitOf([served]);
    const b = await back.ticket(served.id);
    b.returnToQueue(ANNA, at(600));
    back.ticketChanged(b);
    expect(back.affectsDisplay).toBe(true);

    const waiting = aTicket();
    const leaving = unitOf([waiting]);
    const l = await leaving.ticket(waiting.id);
    l.finish({ kind: 'left_before_service' }, ANNA, at(600));
    leaving.ticketChanged(l);
    expect(leaving.affectsDisplay).toBe(true);

    const { ticket, desk } = aCalledTicket();
    const calling = unitOf([ticket], [desk]);
    calling.called(ticket, desk, true);
    expect(calling.affectsDisplay).toBe(true);

    const issuing = unitOf([]);
    issuing.issued(aTicket());
    expect(issuing.affectsDisplay).toBe(true);

    const configuring = unitOf([]);
    configuring.changes.push({ type: 'settings.updated' });
    expect(configuring.affectsDisplay).toBe(true);
  });

  it('is false when only a visit’s notes or a desk changed', async () => {
    const waiting = aTicket();
    const noting = unitOf([waiting]);
    noting.notesChanged(await noting.ticket(waiting.id));
    const { desk } = aCalledTicket();
    noting.deskChanged(desk);
    expect(noting.affectsDisplay).toBe(false);
  });
});

import { DomainError } from '@modules/shared-kernel';
import { aCalledTicket, ANNA, anOpenDesk, aParkedTicket, aServedTicket, at, aTicket, BEN, codeOf } from './queue.fixture';
import { MAX_NOTES_LENGTH } from './ticket';

describe('Ticket notes', () => {
  it.each([
    ['waiting', () => aTicket()],
    ['called', () => aCalledTicket().ticket],
    ['serving', () => aServedTicket().ticket],
    ['parked', () => aParkedTicket().ticket],
  ])('may be written while the ticket is %s, trimmed, bumping the version', (_status, make) => {
    const ticket = make();
    const version = ticket.version;
    expect(ticket.setNotes('  Needs a new ID card.\r\nBrought the old one.  ', at(900))).toBe(true);
    expect(ticket.notes).toBe('Needs a new ID card.\nBrought the old one.');
    expect(ticket.notesUpdatedAt).toEqual(at(900));
    expect(ticket.version).toBe(version + 1);
  });

  it.each([
    ['finished', () => {
      const { ticket } = aServedTicket();
      ticket.finish({ kind: 'served' }, ANNA, at(600));
      return ticket;
    }],
    ['no_show', () => {
      const { ticket } = aCalledTicket();
      ticket.markNoShow(ANNA, 1, at(600));
      return ticket;
    }],
    ['left', () => {
      const ticket = aTicket();
      ticket.finish({ kind: 'left_before_service' }, ANNA, at(600));
      return ticket;
    }],
  ])('are refused once the ticket is %s (409 QUEUE.TICKET_CLOSED), nothing changes', (_status, make) => {
    const ticket = make();
    const version = ticket.version;
    let error: unknown;
    try {
      ticket.setNotes('too late', at(900));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('QUEUE.TICKET_CLOSED');
    expect((error as DomainError).kind).toBe('conflict');
    expect(ticket.notes).toBeUndefined();
    expect(ticket.version).toBe(version);
  });

  it('accept exactly 2,000 characters (code points, after trimming) and refuse 2,001 with a field error', () => {
    const ticket = aTicket();
    const max = '🙂'.repeat(MAX_NOTES_LENGTH); // 4,000 UTF-16 units, 2,000 characters
    expect(ticket.setNotes(`  ${max}\n`, at(10))).toBe(true);
    expect([...ticket.notes!].length).toBe(2000);

    let error: DomainError | undefined;
    try {
      ticket.setNotes('x'.repeat(MAX_NOTES_LENGTH + 1), at(20));
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('QUEUE.NOTES_TOO_LONG');
    expect(error?.kind).toBe('validation');
    expect(error?.fieldErrors).toEqual([expect.objectContaining({ field: 'notes', code: 'maxLength' })]);
    // The refused text is not echoed back in the error.
    expect(JSON.stringify(error?.extensions)).not.toContain('xxxx');
    expect(ticket.notes).toBe(max);
  });

  it('drop control characters (NUL cannot be stored) but keep tabs and line breaks', () => {
    const ticket = aTicket();
    ticket.setNotes('a\u0000b\tc\u0007\nd\u001B', at(10));
    expect(ticket.notes).toBe('ab\tc\nd');
  });

  it('empty or blank text clears them; the same text again changes nothing', () => {
    const ticket = aTicket();
    ticket.setNotes('Call back about the form', at(10));
    const version = ticket.version;
    expect(ticket.setNotes('Call back about the form  ', at(20))).toBe(false);
    expect(ticket.version).toBe(version);
    expect(ticket.setNotes('   \n ', at(30))).toBe(true);
    expect(ticket.notes).toBeUndefined();
    expect(ticket.version).toBe(version + 1);
  });

  it('keep the last action and its undo, and survive undo, transfer, park and resume', () => {
    const { ticket, desk } = aServedTicket(at(120));
    expect(ticket.lastAction?.name).toBe('start_service');
    ticket.setNotes('Passport renewal; brought photo', at(122));
    expect(ticket.lastAction?.name).toBe('start_service');

    ticket.undoLast(ANNA, at(125), 10);
    expect(ticket.status).toBe('called');
    expect(ticket.notes).toBe('Passport renewal; brought photo');

    ticket.startService(ANNA, at(140));
    ticket.park(ANNA, at(150), 'fetching a document');
    desk.syncWith(ticket);
    expect(ticket.notes).toBe('Passport renewal; brought photo');

    ticket.resume(anOpenDesk(BEN), BEN, at(200));
    expect(ticket.notes).toBe('Passport renewal; brought photo');

    ticket.transfer({ toQueueId: 'queue-b', placement: 'last' }, BEN, at(300));
    expect(ticket.status).toBe('waiting');
    expect(ticket.notes).toBe('Passport renewal; brought photo');
  });

  it('are not kept in the undo snapshot (it holds no citizen data)', () => {
    const { ticket } = aCalledTicket();
    ticket.setNotes('Personal remark', at(70));
    ticket.startService(ANNA, at(80));
    expect(JSON.stringify(ticket.lastAction)).not.toContain('Personal remark');
  });

  it('reject a closed ticket before looking at the text', () => {
    const ticket = aTicket();
    ticket.finish({ kind: 'left_before_service' }, ANNA, at(60));
    expect(codeOf(() => ticket.setNotes('x'.repeat(MAX_NOTES_LENGTH + 1), at(70)))).toBe('QUEUE.TICKET_CLOSED');
  });
});

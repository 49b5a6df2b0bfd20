import { FieldEncryption } from '@infrastructure/crypto/field-encryption';
import { ANNA, BEN, aQueue, aServedTicket, anOpenDesk, at } from '../../domain/queue/queue.fixture';
import { copyPlainData, type Ticket } from '../../domain/queue';
import { cloneTicket, NotesCipher, TICKET_FIELDS, ticketFromRow, upsertTicketSql } from './queue-state.store';

const KEY = 'a-test-personal-data-key-of-at-least-32-chars';
const cipher = new NotesCipher(KEY);

describe('queue state: visit notes in copies, rows and SQL', () => {
  it('a command’s copy carries the notes, and changing the copy leaves the original alone', () => {
    const { ticket } = aServedTicket();
    ticket.setNotes('Brought the old passport', at(200));
    const copy = cloneTicket(ticket);
    expect(copy.notes).toBe('Brought the old passport');
    expect(copy.notesUpdatedAt).toEqual(at(200));
    copy.setNotes('Changed on the copy', at(300));
    expect(ticket.notes).toBe('Brought the old passport');
    expect(ticket.notesUpdatedAt).toEqual(at(200));
  });

  it('a copy has every field of the entity', () => {
    const source = Object.fromEntries(TICKET_FIELDS.map((key) => [key, `value of ${key}`])) as unknown as Ticket;
    Object.assign(source, { requests: [{ id: 'r' }], periods: [{ id: 'p' }] });
    const copy = cloneTicket(source) as unknown as Record<string, unknown>;
    for (const key of TICKET_FIELDS) expect(copy[key]).toEqual((source as unknown as Record<string, unknown>)[key]);
    expect(TICKET_FIELDS.length).toBeGreaterThan(25);
  });

  it('no domain action on a copy changes the original (what is shared is only ever replaced)', () => {
    const { ticket } = aServedTicket();
    ticket.addService('PASS', 'in_person', 1, ANNA, at(130));
    ticket.setNotes('first', at(140));
    const fields = (t: Ticket) => copyPlainData(Object.fromEntries(TICKET_FIELDS.map((key) => [key, (t as unknown as Record<string, unknown>)[key]])));
    const before = fields(ticket);
    const copy = cloneTicket(ticket);
    copy.addService('DECL', 'phone', 2, ANNA, at(150));
    copy.markInaccurate(copy.periods[0]!.id);
    copy.park(ANNA, at(160), 'documents');
    copy.resume(anOpenDesk(ANNA), ANNA, at(170));
    copy.undoLast(ANNA, at(171), 10);
    copy.transfer({ toQueueId: aQueue({ id: 'queue-b' }).id, toClerkId: BEN, placement: 'first' }, ANNA, at(180));
    copy.setNotes('second', at(190));
    copy.finish({ kind: 'left_before_service' }, BEN, at(200));
    expect(copy.status).not.toBe(ticket.status);
    expect(fields(ticket)).toEqual(before);
  });

  it('the commit writes the notes sealed (never the text) and updates them on conflict', () => {
    const { ticket } = aServedTicket();
    ticket.setNotes("O'Brien's passport; $vq$ end", at(200));
    const sql = upsertTicketSql(ticket, cipher);
    expect(sql).not.toContain('Brien');
    const sealed = /'(v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)', '[^']+'::timestamptz\)\s+on conflict/.exec(sql)?.[1];
    expect(sealed).toBeDefined();
    expect(cipher.open(sealed)).toBe("O'Brien's passport; $vq$ end");
    // Sealed with a key of its own: neither the default personal-data key nor another secret opens it.
    expect(() => new FieldEncryption(KEY).decrypt(sealed!)).toThrow();
    expect(() => new NotesCipher('another-personal-data-key-of-32-characters').open(sealed)).toThrow();
    expect(sql).toContain(`'${at(200).toISOString()}'::timestamptz`);
    expect(sql).toMatch(/notes = excluded\.notes, notes_updated_at = excluded\.notes_updated_at/);
    ticket.setNotes('', at(300)); // cleared: no text, but when it was cleared
    expect(upsertTicketSql(ticket, cipher)).toContain(`NULL, '${at(300).toISOString()}'::timestamptz)\n on conflict`);
  });

  it('a loaded row gives the ticket its notes, opened (none when the column is null)', () => {
    const base = {
      id: 't1', centre_id: 'c1', queue_id: 'q1', service_day: '2026-03-10', prefix: 'A', seq: '1', number: 'A001', priority: '0', appointment: null,
      status: 'waiting', queue_entered_at: at(0), issued_at: at(0), issued_by: 'kiosk', called_count: '0', last_called_at: null, desk_id: null, clerk_id: null,
      assigned_clerk_id: null, park_reason: null, tracking_token: 'tok', citizen: null, requests: [], periods: [], outcome: null, closed_at: null, version: '3', last_action: null,
    };
    const row = { ...base, notes: cipher.seal('Needs an interpreter'), notes_updated_at: at(60) };
    expect(ticketFromRow(row, cipher)).toMatchObject({ notes: 'Needs an interpreter', notesUpdatedAt: at(60) });
    const none = ticketFromRow({ ...base, notes: null, notes_updated_at: null }, cipher);
    expect(none.notes).toBeUndefined();
    expect(none.notesUpdatedAt).toBeUndefined();
  });
});

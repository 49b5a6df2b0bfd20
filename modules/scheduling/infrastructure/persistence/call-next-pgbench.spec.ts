import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { integrationEvent } from '@modules/shared-kernel';
import { Outbox } from '@infrastructure/messaging/outbox';
import type { IntegrationEventBus } from '@infrastructure/messaging/integration-event-bus';
import { ANNA, anOpenDesk, aTicket, at, CENTRE } from '../../domain/queue/queue.fixture';
import { advanceSeqSql, cloneTicket, insertReceiptSql, NotesCipher, updateTicketSql, upsertDeskSql } from './queue-state.store';

/**
 * `npm run bench:queue` compares our command rate with pgbench running "the same SQL transaction"
 * (test/load/call-next.pgbench.sql). This keeps that script honest: its compound statement must
 * have the shape of what QueueCommandRunner commits for a call-next — the same statements, tables,
 * columns and conflict clauses, in the same order — with only the values differing.
 */
const shape = (sql: string): string =>
  sql
    .replace(/ARRAY\[[^\]]*\]::\w+\[\]/g, '?')
    .replace(/'(?:[^']|'')*'(?:::\w+)?/g, '?')
    .replace(/:\w+(?:\s*[+-]\s*\d+)?/g, '?')
    .replace(/\b(?:now|gen_random_uuid)\(\)/g, '?')
    .replace(/\b(?:null|NULL)\b/g, '?')
    .replace(/\b\d+\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim();

describe('the pgbench script of bench:queue', () => {
  const script = readFileSync(join(__dirname, '../../../../test/load/call-next.pgbench.sql'), 'utf8');
  const compound = script.slice(script.indexOf('begin \\;'));
  const scriptStatements = compound
    .replace(/;\s*$/, '')
    .split('\\;')
    .map((s) => shape(s));

  it('sends what the server commits for a call-next, statement by statement', () => {
    // The ticket as the live state holds it (waiting), and the command's copy after the call.
    const waiting = aTicket();
    const desk = anOpenDesk();
    const ticket = cloneTicket(waiting);
    ticket.call(desk, ANNA, at(60));
    desk.syncWith(ticket);
    const outbox = new Outbox({ consumersOf: () => [] } as unknown as IntegrationEventBus);
    const event = integrationEvent('scheduling', 'scheduling.TicketCalled', { ticketId: ticket.id, centreId: CENTRE }, ticket.id);
    const server = [
      'begin',
      advanceSeqSql('9e6f0a3c-1111-4222-8333-444455556666', 12, 14),
      upsertDeskSql(desk),
      updateTicketSql(waiting, ticket, new NotesCipher('a-test-personal-data-key-of-at-least-32-chars')),
      outbox.insertSql([event])!,
      insertReceiptSql('request-1', CENTRE, 'clerk', 'call-next', '{"id":"x"}'),
      'commit',
    ].map(shape);
    expect(scriptStatements).toEqual(server);
  });

  it('is one message: every statement of the transaction joined by \\;', () => {
    expect(scriptStatements).toHaveLength(7);
    expect(compound.trim().endsWith('commit;')).toBe(true);
  });
});

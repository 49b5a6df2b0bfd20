import { serviceLinesOf, visitFactOf, type EndedVisit } from './visit-fact';

const period = (state: string, start: string, end: string | null, accurate = true) => ({ state, startedAt: start, endedAt: end, accurate });

const visit = (over: Partial<EndedVisit> = {}): EndedVisit => ({
  ticketId: 't-1',
  centreId: 'c-1',
  queueId: 'q-1',
  number: 'A001',
  status: 'finished',
  priority: 0,
  issuedAt: '2026-03-02T07:00:00.000Z',
  closedAt: '2026-03-02T07:20:00.000Z',
  outcome: { kind: 'served' },
  requests: [{ serviceCode: 'VSAA-001', channel: 'in_person', quantity: 1 }],
  periods: [
    period('created', '2026-03-02T07:00:00.000Z', '2026-03-02T07:00:00.000Z'),
    period('waiting', '2026-03-02T07:00:00.000Z', '2026-03-02T07:05:00.000Z'),
    period('called', '2026-03-02T07:05:00.000Z', '2026-03-02T07:05:30.000Z'),
    period('serving', '2026-03-02T07:05:30.000Z', '2026-03-02T07:20:00.000Z'),
  ],
  ...over,
});

describe('visitFactOf', () => {
  it('keeps who served the visit: the clerk of its last service period (after a transfer, the second clerk); nobody when never served', () => {
    const p = (state: string, start: string, end: string, clerkId: string | null) => ({ ...period(state, start, end), clerkId });
    const transferred = visit({
      periods: [
        p('waiting', '2026-03-02T07:00:00.000Z', '2026-03-02T07:05:00.000Z', null),
        p('called', '2026-03-02T07:05:00.000Z', '2026-03-02T07:05:30.000Z', 'clerk:anna'),
        p('serving', '2026-03-02T07:05:30.000Z', '2026-03-02T07:10:00.000Z', 'clerk:anna'),
        p('waiting', '2026-03-02T07:10:00.000Z', '2026-03-02T07:12:00.000Z', null),
        p('called', '2026-03-02T07:12:00.000Z', '2026-03-02T07:12:30.000Z', 'clerk:ben'),
        p('serving', '2026-03-02T07:12:30.000Z', '2026-03-02T07:20:00.000Z', 'clerk:ben'),
      ],
    });
    expect(visitFactOf(transferred).servedBy).toBe('clerk:ben');
    const left = visit({ outcome: { kind: 'left_before_service' }, periods: [p('waiting', '2026-03-02T07:00:00.000Z', '2026-03-02T07:05:00.000Z', null)] });
    expect(visitFactOf(left).servedBy).toBeNull();
    expect(visitFactOf(visit()).servedBy).toBeNull(); // periods without a clerk (older announcements)
  });

  it('sums the periods into wait, walk, service and hold, in Riga local day and hour', () => {
    const fact = visitFactOf(visit());
    expect(fact).toMatchObject({ serviceDay: '2026-03-02', issueHour: 9, waitMs: 300_000, walkMs: 30_000, serviceMs: 870_000, holdMs: null, requeues: 0, outcome: 'served' });
  });

  it('sums every waiting period after a transfer and counts the return to the queue', () => {
    const fact = visitFactOf(
      visit({
        periods: [
          period('waiting', '2026-03-02T07:00:00.000Z', '2026-03-02T07:05:00.000Z'),
          period('called', '2026-03-02T07:05:00.000Z', '2026-03-02T07:06:00.000Z'),
          period('serving', '2026-03-02T07:06:00.000Z', '2026-03-02T07:10:00.000Z'),
          period('parked', '2026-03-02T07:10:00.000Z', '2026-03-02T07:12:00.000Z'),
          period('serving', '2026-03-02T07:12:00.000Z', '2026-03-02T07:14:00.000Z'),
          period('waiting', '2026-03-02T07:14:00.000Z', '2026-03-02T07:17:00.000Z'),
          period('called', '2026-03-02T07:17:00.000Z', '2026-03-02T07:18:00.000Z'),
          period('serving', '2026-03-02T07:18:00.000Z', '2026-03-02T07:20:00.000Z'),
        ],
      }),
    );
    expect(fact).toMatchObject({ waitMs: 480_000, walkMs: 120_000, serviceMs: 480_000, holdMs: 120_000, requeues: 1 });
  });

  it('leaves a measure out, not the visit, when one of its periods is inaccurate', () => {
    const fact = visitFactOf(
      visit({
        periods: [
          period('waiting', '2026-03-02T07:00:00.000Z', '2026-03-02T07:05:00.000Z', false),
          period('called', '2026-03-02T07:05:00.000Z', '2026-03-02T07:05:30.000Z'),
          period('serving', '2026-03-02T07:05:30.000Z', '2026-03-02T07:20:00.000Z'),
        ],
      }),
    );
    expect(fact).toMatchObject({ waitMs: null, walkMs: 30_000, serviceMs: 870_000 });
  });

  it('has no wait for a citizen who left before being called, and no walk for a no-show', () => {
    const left = visitFactOf(visit({ status: 'left', outcome: { kind: 'left_before_service', stage: 'waiting' }, periods: [period('waiting', '2026-03-02T07:00:00.000Z', '2026-03-02T07:30:00.000Z')] }));
    expect(left).toMatchObject({ waitMs: null, walkMs: null, serviceMs: null, outcome: 'left_before_service', outcomeStage: 'waiting' });
    const noShow = visitFactOf(
      visit({
        status: 'no_show',
        outcome: { kind: 'no_show', stage: 'called' },
        periods: [period('waiting', '2026-03-02T07:00:00.000Z', '2026-03-02T07:10:00.000Z'), period('called', '2026-03-02T07:10:00.000Z', '2026-03-02T07:13:00.000Z')],
      }),
    );
    expect(noShow).toMatchObject({ waitMs: 600_000, walkMs: null, outcome: 'no_show' });
  });

  it('puts a ticket issued after midnight in Riga on the next local day, across both DST changes', () => {
    // 2026-03-29: clocks go from 03:00 to 04:00 (UTC+2 → UTC+3).
    expect(visitFactOf(visit({ issuedAt: '2026-03-28T22:30:00.000Z' }))).toMatchObject({ serviceDay: '2026-03-29', issueHour: 0 });
    expect(visitFactOf(visit({ issuedAt: '2026-03-29T01:30:00.000Z' }))).toMatchObject({ serviceDay: '2026-03-29', issueHour: 4 });
    // 2026-10-25: clocks go from 04:00 back to 03:00 (UTC+3 → UTC+2).
    expect(visitFactOf(visit({ issuedAt: '2026-10-24T21:30:00.000Z' }))).toMatchObject({ serviceDay: '2026-10-25', issueHour: 0 });
    expect(visitFactOf(visit({ issuedAt: '2026-10-25T21:59:00.000Z' }))).toMatchObject({ serviceDay: '2026-10-25', issueHour: 23 });
    expect(visitFactOf(visit({ issuedAt: '2026-10-25T22:00:00.000Z' }))).toMatchObject({ serviceDay: '2026-10-26', issueHour: 0 });
  });
});

describe('serviceLinesOf', () => {
  it('maps queue channels to the mission’s channels and counts services only when served', () => {
    const lines = serviceLinesOf(
      visit({
        requests: [
          { serviceCode: 'VSAA-001', channel: 'in_person', quantity: 2 },
          { serviceCode: 'VID-001', channel: 'phone', quantity: 1 },
          { serviceCode: 'VZD-001', channel: 'assisted_eservice', quantity: 1 },
        ],
      }),
    );
    expect(lines.map((l) => [l.serviceCode, l.channel, l.sourceChannel, l.quantity, l.provided])).toEqual([
      ['VSAA-001', 'in_person', 'in_person', 2, true],
      ['VID-001', 'consultation_only', 'phone', 1, true],
      ['VZD-001', 'in_person', 'assisted_eservice', 1, true],
    ]);
    expect(serviceLinesOf(visit({ outcome: { kind: 'not_served' } }))[0]!.provided).toBe(false);
  });
});

import { eventJobId, inOutboxOrder } from './outbox-dispatcher';

describe('a fetched batch of event jobs, delivered in outbox order', () => {
  const job = (position?: string) => ({ id: `job-${position ?? 'old'}`, data: { position } });

  it('sorts by the outbox position, numerically (positions are bigints as text)', () => {
    const jobs = [job('10'), job('9'), job('100'), job('11')];
    expect(inOutboxOrder(jobs).map((j) => j.data.position)).toEqual(['9', '10', '11', '100']);
    expect(inOutboxOrder([job('9007199254740993'), job('9007199254740992')]).map((j) => j.data.position)).toEqual(['9007199254740992', '9007199254740993']);
  });

  it('keeps jobs without a position (queued before positions were carried) first, in their order, and leaves the input alone', () => {
    const jobs = [job('5'), job(), job('3')];
    expect(inOutboxOrder(jobs).map((j) => j.id)).toEqual(['job-old', 'job-3', 'job-5']);
    expect(jobs.map((j) => j.id)).toEqual(['job-5', 'job-old', 'job-3']);
  });
});

describe('event job ids', () => {
  it('sort as the outbox positions and consumers do (PostgreSQL compares uuids bytewise, as lowercase hex text compares)', () => {
    const ids = [
      eventJobId('9', 0),
      eventJobId('10', 1),
      eventJobId('10', 0),
      eventJobId('255', 0),
      eventJobId('256', 0),
      eventJobId('4294967296', 2),
      eventJobId('9007199254740993', 0),
      eventJobId('9007199254740992', 0),
    ];
    expect([...ids].sort()).toEqual([ids[0], ids[2], ids[1], ids[3], ids[4], ids[5], ids[7], ids[6]]);
  });

  it('are uuids, distinct for the same position and consumer', () => {
    const a = eventJobId('42', 3);
    expect(a).toMatch(/^0{8}-0000-002a-0003-[0-9a-f]{12}$/);
    expect(eventJobId('42', 3)).not.toBe(a);
  });
});

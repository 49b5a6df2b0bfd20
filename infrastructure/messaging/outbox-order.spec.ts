import { inOutboxOrder } from './outbox-dispatcher';

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

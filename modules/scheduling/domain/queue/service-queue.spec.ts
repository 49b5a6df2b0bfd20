import { queueForService, ServiceQueue } from './service-queue';
import { CENTRE, codeOf } from './queue.fixture';

const create = (prefix: string, others: ServiceQueue[] = [], overrides: Partial<Parameters<typeof ServiceQueue.create>[0]> = {}) =>
  ServiceQueue.create({ centreId: CENTRE, nameLv: 'Rinda', nameEn: 'Queue', prefix, ...overrides }, others);

describe('ServiceQueue', () => {
  it('is created active with its services', () => {
    expect(create('A', [], { serviceCodes: ['DECL', 'DECL', 'PASS'], sortOrder: 2 })).toMatchObject({ prefix: 'A', serviceCodes: ['DECL', 'PASS'], sortOrder: 2, active: true });
  });

  it.each(['', 'a', 'AB', 'Ā', '1', 'Š'])('refuses prefix %p', (prefix) => {
    expect(codeOf(() => create(prefix))).toBe('QUEUE.INVALID_PREFIX');
  });

  it('keeps the prefix unique within a centre, not across centres', () => {
    const a = create('A');
    expect(codeOf(() => create('A', [a]))).toBe('QUEUE.PREFIX_TAKEN');
    expect(create('A', [a], { centreId: 'centre-2' }).prefix).toBe('A');
  });

  it('changes its prefix to a free letter, keeping its own', () => {
    const a = create('A');
    const b = create('B', [a]);
    expect(codeOf(() => b.changePrefix('A', [a, b]))).toBe('QUEUE.PREFIX_TAKEN');
    b.changePrefix('B', [a, b]);
    b.changePrefix('C', [a, b]);
    expect(b.prefix).toBe('C');
  });

  it('is switched off and on', () => {
    const queue = create('A');
    queue.deactivate();
    expect(queue.active).toBe(false);
    queue.activate();
    expect(queue.active).toBe(true);
  });
});

describe('queueForService', () => {
  it('routes a service to the first active queue offering it', () => {
    const late = create('B', [], { serviceCodes: ['PASS'], sortOrder: 2 });
    const early = create('C', [], { serviceCodes: ['PASS', 'DECL'], sortOrder: 1 });
    const off = create('A', [], { serviceCodes: ['PASS'], sortOrder: 0 });
    off.deactivate();
    expect(queueForService([late, early, off], 'PASS')).toBe(early);
    expect(queueForService([late, early, off], 'SOC')).toBeNull();
  });
});

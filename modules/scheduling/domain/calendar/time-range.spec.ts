import { covers, intersect, merge, overlaps, subtract, type TimeRange } from './time-range';

// Minutes after a fixed instant keep the cases readable: r(0, 30) is 10:00–10:30 UTC.
const BASE = Date.UTC(2026, 2, 10, 10, 0);
const r = (from: number, to: number): TimeRange => ({ start: new Date(BASE + from * 60_000), end: new Date(BASE + to * 60_000) });
const m = (ranges: readonly TimeRange[]): Array<[number, number]> => ranges.map((x) => [(x.start.getTime() - BASE) / 60_000, (x.end.getTime() - BASE) / 60_000]);

describe('merge', () => {
  it.each<[string, TimeRange[], Array<[number, number]>]>([
    ['nothing', [], []],
    ['one range', [r(0, 10)], [[0, 10]]],
    ['unsorted disjoint ranges, sorted', [r(20, 30), r(0, 10)], [[0, 10], [20, 30]]],
    ['overlapping ranges, joined', [r(0, 10), r(5, 15)], [[0, 15]]],
    ['touching ranges, joined', [r(0, 10), r(10, 20)], [[0, 20]]],
    ['a range inside another, absorbed', [r(0, 30), r(10, 20)], [[0, 30]]],
    ['duplicates, once', [r(0, 10), r(0, 10)], [[0, 10]]],
    ['empty and inverted ranges, dropped', [r(5, 5), r(9, 3), r(0, 1)], [[0, 1]]],
    ['a chain, one range', [r(30, 40), r(0, 10), r(20, 31), r(9, 21)], [[0, 40]]],
    ['same start, longer wins', [r(0, 5), r(0, 20)], [[0, 20]]],
  ])('%s', (_, input, expected) => {
    expect(m(merge(input))).toEqual(expected);
  });

  it('leaves its input alone', () => {
    const input = [r(10, 20), r(0, 15)];
    merge(input);
    expect(m(input)).toEqual([[10, 20], [0, 15]]);
  });
});

describe('intersect', () => {
  it.each<[string, TimeRange[], TimeRange[], Array<[number, number]>]>([
    ['with nothing', [r(0, 10)], [], []],
    ['nothing with something', [], [r(0, 10)], []],
    ['disjoint', [r(0, 10)], [r(20, 30)], []],
    ['touching ends share no instant', [r(0, 10)], [r(10, 20)], []],
    ['partial overlap', [r(0, 10)], [r(5, 15)], [[5, 10]]],
    ['contained', [r(0, 30)], [r(10, 20)], [[10, 20]]],
    ['equal', [r(0, 30)], [r(0, 30)], [[0, 30]]],
    ['one range over many', [r(0, 100)], [r(10, 20), r(30, 40), r(90, 110)], [[10, 20], [30, 40], [90, 100]]],
    ['many with many', [r(0, 15), r(20, 35)], [r(10, 25), r(30, 40)], [[10, 15], [20, 25], [30, 35]]],
    ['unsorted, overlapping inputs', [r(20, 35), r(0, 15), r(5, 12)], [r(30, 40), r(10, 25)], [[10, 15], [20, 25], [30, 35]]],
  ])('%s', (_, a, b, expected) => {
    expect(m(intersect(a, b))).toEqual(expected);
    expect(m(intersect(b, a))).toEqual(expected);
  });
});

describe('subtract', () => {
  it.each<[string, TimeRange[], TimeRange[], Array<[number, number]>]>([
    ['nothing from a range', [r(0, 10)], [], [[0, 10]]],
    ['a range from nothing', [], [r(0, 10)], []],
    ['a disjoint range', [r(0, 10)], [r(20, 30)], [[0, 10]]],
    ['a touching range', [r(10, 20)], [r(0, 10), r(20, 30)], [[10, 20]]],
    ['a hole in the middle', [r(0, 30)], [r(10, 20)], [[0, 10], [20, 30]]],
    ['the start', [r(0, 30)], [r(-5, 10)], [[10, 30]]],
    ['the end', [r(0, 30)], [r(20, 40)], [[0, 20]]],
    ['everything', [r(0, 30)], [r(-5, 40)], []],
    ['exactly itself', [r(0, 30)], [r(0, 30)], []],
    ['one range across several', [r(0, 10), r(20, 30), r(40, 50)], [r(5, 45)], [[0, 5], [45, 50]]],
    ['several holes in one range', [r(0, 100)], [r(10, 20), r(30, 40), r(50, 60)], [[0, 10], [20, 30], [40, 50], [60, 100]]],
    ['unsorted, overlapping removals', [r(0, 100)], [r(50, 60), r(10, 20), r(15, 35)], [[0, 10], [35, 50], [60, 100]]],
    ['a removal longer than the next range', [r(0, 10), r(12, 14), r(16, 30)], [r(5, 20)], [[0, 5], [20, 30]]],
  ])('%s', (_, from, remove, expected) => {
    expect(m(subtract(from, remove))).toEqual(expected);
  });
});

describe('overlaps and covers', () => {
  it('treats ranges as half-open', () => {
    expect(overlaps(r(0, 10), r(10, 20))).toBe(false);
    expect(overlaps(r(0, 11), r(10, 20))).toBe(true);
    expect(covers(r(0, 10), r(0, 10))).toBe(true);
    expect(covers(r(0, 10), r(5, 11))).toBe(false);
  });
});

// The algebra against a model: a set of whole minutes on a 0–60 line, over many random inputs.
describe('range algebra against a minute-set model', () => {
  let seed = 20260329;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return Math.floor(seed / 65_536) % n;
  };
  const randomRanges = (): TimeRange[] =>
    Array.from({ length: random(5) }, () => {
      const a = random(60);
      return r(a, a + random(15));
    });
  const minutes = (ranges: readonly TimeRange[]): Set<number> => {
    const set = new Set<number>();
    for (const [from, to] of m(ranges)) for (let x = from; x < to; x++) set.add(x);
    return set;
  };
  const sorted = (set: Set<number>): string => [...set].sort((x, y) => x - y).join(',');
  const isMerged = (ranges: readonly TimeRange[]): boolean => ranges.every((x, i) => x.start < x.end && (i === 0 || ranges[i - 1].end < x.start));

  it('agrees with set union, intersection and difference, and returns merged ranges', () => {
    for (let run = 0; run < 1000; run++) {
      const a = randomRanges();
      const b = randomRanges();
      const [setA, setB] = [minutes(a), minutes(b)];
      const merged = merge([...a, ...b]);
      const both = intersect(a, b);
      const difference = subtract(a, b);
      const actual = [sorted(minutes(merged)), sorted(minutes(both)), sorted(minutes(difference)), [merged, both, difference].every(isMerged)];
      const expected = [sorted(new Set([...setA, ...setB])), sorted(new Set([...setA].filter((x) => setB.has(x)))), sorted(new Set([...setA].filter((x) => !setB.has(x)))), true];
      if (JSON.stringify(actual) !== JSON.stringify(expected)) expect({ a: m(a), b: m(b), actual }).toEqual({ a: m(a), b: m(b), actual: expected });
    }
  });
});

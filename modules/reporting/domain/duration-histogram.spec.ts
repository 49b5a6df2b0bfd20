import { DurationHistogram, HistogramMerger, HISTOGRAM_MAX_BUCKET, HISTOGRAM_RELATIVE_ACCURACY, encodeHistogram, forEachPair, histogramBucket, histogramValue } from './duration-histogram';

/** A small seeded generator (mulberry32), so the data are the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** PostgreSQL's percentile_cont, computed plainly. */
function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (rank - lo) * (sorted[hi]! - sorted[lo]!);
}

describe('DurationHistogram', () => {
  it('puts every duration in a bucket whose value is within 1 % of it', () => {
    const rand = seededRandom(7);
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(rand() ** 3 * 2 ** 31);
      const value = histogramValue(histogramBucket(ms));
      if (ms === 0) expect(value).toBe(0);
      else expect(Math.abs(value - ms) / ms).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ACCURACY + 1e-12);
    }
    expect(histogramBucket(0)).toBe(0);
    expect(histogramBucket(-5)).toBe(0);
    expect(histogramBucket(1)).toBe(1);
    expect(histogramBucket(2 ** 31 - 1)).toBeLessThanOrEqual(HISTOGRAM_MAX_BUCKET);
  });

  it('gives percentile_cont within 1 % of the exact value, for skewed and for tied data', () => {
    const rand = seededRandom(11);
    for (const size of [1, 2, 3, 10, 101, 5000]) {
      const values = Array.from({ length: size }, () => Math.floor(30_000 + 1_500_000 * rand() * rand()));
      const ties = Array.from({ length: size }, (_, i) => [60_000, 120_000, 120_000, 900_000][i % 4]!);
      for (const data of [values, ties]) {
        const h = new DurationHistogram();
        for (const v of data) h.add(v);
        const [median, p90] = h.percentiles([0.5, 0.9]);
        const exactMedian = percentileCont(data, 0.5)!;
        const exactP90 = percentileCont(data, 0.9)!;
        expect(Math.abs(median! - exactMedian) / exactMedian).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ACCURACY + 1e-12);
        expect(Math.abs(p90! - exactP90) / exactP90).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ACCURACY + 1e-12);
        expect(h.n).toBe(size);
      }
    }
    expect(new DurationHistogram().percentiles([0.5, 0.9])).toEqual([null, null]);
  });

  it('adds and takes out exactly, and encodes so that concatenations merge', () => {
    const rand = seededRandom(3);
    const a = new DurationHistogram();
    const b = new DurationHistogram();
    const all = new DurationHistogram();
    const valuesA = Array.from({ length: 500 }, () => Math.floor(rand() * 3_600_000));
    const valuesB = Array.from({ length: 300 }, () => Math.floor(rand() * 600_000));
    for (const v of valuesA) a.add(v);
    for (const v of valuesB) b.add(v);
    for (const v of [...valuesA, ...valuesB]) all.add(v);
    // Concatenated encodings decode to the merged histogram.
    const concatenated = new Uint8Array([...a.encode(), ...b.encode()]);
    const merged = new DurationHistogram();
    merged.merge(concatenated);
    expect(merged.encode()).toEqual(all.encode());
    const merger = new HistogramMerger();
    merger.add(a.encode());
    merger.add(b.encode());
    expect(merger.percentiles([0.5, 0.9])).toEqual(all.percentiles([0.5, 0.9]));
    // The merger starts afresh after reading.
    merger.add(b.encode());
    expect(merger.percentiles([0.5])).toEqual(b.percentiles([0.5]));
    // Taking B out again leaves A; taking everything out leaves nothing.
    for (const v of valuesB) merged.add(v, -1);
    expect(merged.encode()).toEqual(a.encode());
    for (const v of valuesA) merged.add(v, -1);
    expect(merged.isEmpty).toBe(true);
    expect(merged.encode()).toHaveLength(0);
  });

  it('encodes negative and large counts (a batch of corrections) and reads them back', () => {
    const pairs: Array<[number, number]> = [
      [0, 3],
      [5, -1],
      [127, 128],
      [128, 2 ** 31 - 1],
      [HISTOGRAM_MAX_BUCKET, -(2 ** 20)],
    ];
    const read: Array<[number, number]> = [];
    forEachPair(encodeHistogram(pairs), (bucket, count) => read.push([bucket, count]));
    expect(read).toEqual(pairs);
    expect(encodeHistogram([[3, 0]])).toHaveLength(0);
  });
});

/**
 * Mergeable histograms of durations (milliseconds) for percentiles over large slices.
 *
 * Log-spaced buckets with relative accuracy α = 1 % (as in DDSketch): bucket i ≥ 1 holds the values
 * in (γ^(i-2), γ^(i-1)] with γ = (1 + α) / (1 − α), and bucket 0 holds exactly 0. A bucket is
 * represented by 2γ^(i-1) / (γ + 1), which is within α of every value in it. A percentile is
 * computed as percentile_cont does (linear interpolation between the two order statistics around
 * p·(n − 1)) from the represented values, so it is within α (1 %) of the exact percentile_cont of
 * the same values: each order statistic is within α, and so is any weighted mean of the two.
 * Counts add and subtract exactly, so a histogram of a slice is the sum of its parts' histograms
 * and a replaced visit is taken out exactly.
 *
 * Encoded (for the read models) compactly, about three bytes per non-empty bucket: the bucket and
 * its count (zigzag, so a change of −1 can be encoded too), each as a LEB128 varint. Pairs may
 * repeat a bucket (their counts add up), so two encodings concatenated (PostgreSQL's
 * `string_agg(hist, '')`) are the encoding of the merged histogram.
 */
export const HISTOGRAM_RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + HISTOGRAM_RELATIVE_ACCURACY) / (1 - HISTOGRAM_RELATIVE_ACCURACY);
/** ln γ as a literal, so that SQL (the migration's backfill) and TypeScript divide by the same number. */
export const HISTOGRAM_LN_GAMMA = 0.020000666706669435;

/** The bucket of a duration in milliseconds (negative durations count as 0). */
export function histogramBucket(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.ceil(Math.log(ms) / HISTOGRAM_LN_GAMMA) + 1;
}

/** The value that stands for a bucket (milliseconds). */
export function histogramValue(bucket: number): number {
  if (bucket <= 0) return 0;
  return (2 * Math.exp((bucket - 1) * HISTOGRAM_LN_GAMMA)) / (GAMMA + 1);
}

/** Counts per bucket (sparse), to be added to, merged, encoded and read. */
export class DurationHistogram {
  private readonly counts = new Map<number, number>();

  /** Adds (sign +1) or takes out (sign −1) a duration in milliseconds. */
  add(ms: number, sign: 1 | -1 = 1): void {
    this.addCount(histogramBucket(ms), sign);
  }

  addCount(bucket: number, count: number): void {
    const next = (this.counts.get(bucket) ?? 0) + count;
    if (next === 0) this.counts.delete(bucket);
    else this.counts.set(bucket, next);
  }

  /** Adds an encoded histogram (see `encode`). */
  merge(encoded: Uint8Array | null | undefined): void {
    forEachPair(encoded, (bucket, count) => this.addCount(bucket, count));
  }

  get isEmpty(): boolean {
    return this.counts.size === 0;
  }

  /** Total count. */
  get n(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  encode(): Uint8Array {
    return encodeHistogram([...this.counts.entries()].sort((a, b) => a[0] - b[0]));
  }

  /** percentile_cont at each fraction (0–1), in milliseconds, within 1 %; null when empty. */
  percentiles(fractions: readonly number[]): Array<number | null> {
    const buckets = [...this.counts.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
    return percentilesOfBuckets(buckets, fractions);
  }
}

/** Encodes (bucket, count) pairs (zero counts are left out). */
export function encodeHistogram(pairs: ReadonlyArray<readonly [number, number]>): Uint8Array {
  const bytes: number[] = [];
  const varint = (value: number): void => {
    let v = value;
    while (v >= 0x80) {
      bytes.push((v % 0x80) + 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
  };
  for (const [bucket, count] of pairs) {
    if (count === 0) continue;
    varint(bucket);
    varint(count >= 0 ? count * 2 : -count * 2 - 1);
  }
  return Uint8Array.from(bytes);
}

/** Calls `fn` for every (bucket, count) pair of an encoded histogram. */
export function forEachPair(encoded: Uint8Array | null | undefined, fn: (bucket: number, count: number) => void): void {
  if (!encoded) return;
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = encoded[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  };
  while (at < encoded.length) {
    const bucket = varint();
    const zigzag = varint();
    fn(bucket, zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2);
  }
}

/** percentile_cont over bucket counts sorted by bucket: the order statistics around p·(n − 1), interpolated. */
export function percentilesOfBuckets(buckets: ReadonlyArray<readonly [number, number]>, fractions: readonly number[]): Array<number | null> {
  let n = 0;
  for (const [, c] of buckets) n += c;
  if (n === 0) return fractions.map(() => null);
  /** The value of the k-th smallest (0-based). */
  const valueAt = (k: number): number => {
    let seen = 0;
    for (const [bucket, count] of buckets) {
      seen += count;
      if (k < seen) return histogramValue(bucket);
    }
    return histogramValue(buckets[buckets.length - 1]![0]);
  };
  return fractions.map((p) => {
    const rank = p * (n - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    const low = valueAt(lo);
    return lo === hi ? low : low + (rank - lo) * (valueAt(hi) - low);
  });
}

/** The largest bucket a duration stored as a PostgreSQL integer (milliseconds) can fall in. */
export const HISTOGRAM_MAX_BUCKET = histogramBucket(2 ** 31);

/**
 * Merges many encoded histograms quickly (reports over large slices): one dense array of counts,
 * reused for one group after another (`percentiles` reads it and clears what was added).
 */
export class HistogramMerger {
  private readonly counts = new Float64Array(HISTOGRAM_MAX_BUCKET + 1);
  private lo = HISTOGRAM_MAX_BUCKET + 1;
  private hi = -1;

  add(encoded: Uint8Array | null | undefined): void {
    forEachPair(encoded, (b, count) => {
      const bucket = Math.min(b, HISTOGRAM_MAX_BUCKET);
      this.counts[bucket]! += count;
      if (bucket < this.lo) this.lo = bucket;
      if (bucket > this.hi) this.hi = bucket;
    });
  }

  /** percentile_cont at each fraction (0–1) of what was added since the last call, in milliseconds, within 1 %; null when empty. Clears. */
  percentiles(fractions: readonly number[]): Array<number | null> {
    const buckets: Array<[number, number]> = [];
    for (let b = this.lo; b <= this.hi; b++) if (this.counts[b]! > 0) buckets.push([b, this.counts[b]!]);
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.lo = HISTOGRAM_MAX_BUCKET + 1;
    this.hi = -1;
    return percentilesOfBuckets(buckets, fractions);
  }
}

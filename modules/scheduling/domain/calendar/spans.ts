// Half-open millisecond ranges [start, end): the arithmetic form of TimeRange used inside the
// slot search. Every function returns sorted, disjoint, non-empty spans.

export interface Span {
  start: number;
  end: number;
}

const byStart = (a: Span, b: Span): number => a.start - b.start || a.end - b.end;

/** Sorts and coalesces overlapping or touching spans; drops empty ones. The input is left alone. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  return mergeOwnSpans(spans.map((span) => ({ start: span.start, end: span.end })));
}

/**
 * `mergeSpans` for an array the caller has just built and will not use again: it is sorted and
 * its span objects reused, which spares the garbage collector in the slot search.
 */
export function mergeOwnSpans(spans: Span[]): Span[] {
  spans.sort(byStart);
  let length = 0;
  for (const span of spans) {
    if (span.end <= span.start) continue;
    const last = length > 0 ? spans[length - 1] : undefined;
    if (last && span.start <= last.end) {
      if (span.end > last.end) last.end = span.end;
    } else {
      spans[length++] = span;
    }
  }
  spans.length = length;
  return spans;
}

/** The instants in both a and b. Inputs must be merged (sorted, disjoint). */
export function intersectMerged(a: readonly Span[], b: readonly Span[]): Span[] {
  const result: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start);
    const end = Math.min(a[i].end, b[j].end);
    if (start < end) result.push({ start, end });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return result;
}

/** The instants in a and not in b. Inputs must be merged (sorted, disjoint). */
export function subtractMerged(a: readonly Span[], b: readonly Span[]): Span[] {
  const result: Span[] = [];
  let j = 0;
  for (const span of a) {
    let start = span.start;
    while (j < b.length && b[j].end <= start) j++;
    let k = j;
    while (k < b.length && b[k].start < span.end) {
      if (b[k].start > start) result.push({ start, end: b[k].start });
      start = Math.max(start, b[k].end);
      if (start >= span.end) break;
      k++;
    }
    if (start < span.end) result.push({ start, end: span.end });
  }
  return result;
}

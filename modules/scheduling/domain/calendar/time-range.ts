import { intersectMerged, mergeSpans, subtractMerged, type Span } from './spans';

/** A half-open UTC range [start, end). */
export interface TimeRange {
  start: Date;
  end: Date;
}

export const toSpan = (range: TimeRange): Span => ({ start: range.start.getTime(), end: range.end.getTime() });
export const toRange = (span: Span): TimeRange => ({ start: new Date(span.start), end: new Date(span.end) });
const spansOf = (ranges: readonly TimeRange[]): Span[] => ranges.map(toSpan);

/** Sorted, with overlapping and touching ranges joined and empty ones dropped. */
export function merge(ranges: readonly TimeRange[]): TimeRange[] {
  return mergeSpans(spansOf(ranges)).map(toRange);
}

/** The instants covered by both lists. Inputs need not be sorted; the result is merged. */
export function intersect(a: readonly TimeRange[], b: readonly TimeRange[]): TimeRange[] {
  return intersectMerged(mergeSpans(spansOf(a)), mergeSpans(spansOf(b))).map(toRange);
}

/** The instants of `from` not covered by `remove`; the result is merged. */
export function subtract(from: readonly TimeRange[], remove: readonly TimeRange[]): TimeRange[] {
  return subtractMerged(mergeSpans(spansOf(from)), mergeSpans(spansOf(remove))).map(toRange);
}

/** True when the two half-open ranges share an instant (touching ends do not overlap). */
export const overlaps = (a: TimeRange, b: TimeRange): boolean => a.start < b.end && b.start < a.end;

/** True when `outer` covers all of `inner`. */
export const covers = (outer: TimeRange, inner: TimeRange): boolean => outer.start <= inner.start && inner.end <= outer.end;

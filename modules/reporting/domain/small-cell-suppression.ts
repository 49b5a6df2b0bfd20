/** One published count, and the group it adds up to at the next coarser level (if that is published too). */
export interface CountCell {
  key: string;
  parentKey: string | null;
  /** People behind the cell (visits); the threshold applies to these, not to service quantities. */
  visits: number;
}

export type Suppressed<T> = T & { suppressed: boolean; reason: 'small_cell' | 'complementary' | null };

/**
 * k-anonymity for published tables. A cell with fewer than k visits is suppressed (primary). So that
 * it cannot be recovered as parent total minus its siblings, a group with exactly one suppressed
 * cell whose parent total is published loses its smallest other cell too (complementary).
 */
export function suppressSmallCells<T extends CountCell>(cells: T[], k: number, publishedParents: ReadonlySet<string> = new Set()): Array<Suppressed<T>> {
  const out: Array<Suppressed<T>> = cells.map((cell) => ({ ...cell, suppressed: cell.visits < k, reason: cell.visits < k ? 'small_cell' : null }));
  const groups = new Map<string, Array<Suppressed<T>>>();
  for (const cell of out) {
    if (cell.parentKey === null || !publishedParents.has(cell.parentKey)) continue;
    const group = groups.get(cell.parentKey) ?? [];
    group.push(cell);
    groups.set(cell.parentKey, group);
  }
  for (const group of groups.values()) {
    if (group.filter((c) => c.suppressed).length !== 1) continue;
    const next = group.filter((c) => !c.suppressed).sort((a, b) => a.visits - b.visits || a.key.localeCompare(b.key))[0];
    if (next) Object.assign(next, { suppressed: true, reason: 'complementary' });
  }
  return out;
}

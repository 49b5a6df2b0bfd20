import { suppressSmallCells } from './small-cell-suppression';

const cell = (key: string, visits: number, parentKey: string | null = 'm1') => ({ key, parentKey, visits });

describe('suppressSmallCells', () => {
  it('suppresses cells with fewer visits than k', () => {
    const out = suppressSmallCells([cell('a', 4, null), cell('b', 5, null), cell('c', 12, null)], 5);
    expect(out.map((c) => [c.key, c.suppressed, c.reason])).toEqual([
      ['a', true, 'small_cell'],
      ['b', false, null],
      ['c', false, null],
    ]);
  });

  it('suppresses the smallest sibling too when the parent total is published, so the cell cannot be subtracted out', () => {
    const out = suppressSmallCells([cell('a', 2), cell('b', 9), cell('c', 30)], 5, new Set(['m1']));
    expect(out.filter((c) => c.suppressed).map((c) => [c.key, c.reason])).toEqual([
      ['a', 'small_cell'],
      ['b', 'complementary'],
    ]);
  });

  it('adds nothing when two cells of a group are already suppressed, or when the parent is not published', () => {
    expect(suppressSmallCells([cell('a', 2), cell('b', 3), cell('c', 30)], 5, new Set(['m1'])).filter((c) => c.suppressed)).toHaveLength(2);
    expect(suppressSmallCells([cell('a', 2), cell('b', 9)], 5, new Set()).filter((c) => c.suppressed)).toHaveLength(1);
  });
});

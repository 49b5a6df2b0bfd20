import { lit } from './sql-literal';

describe('lit (SQL literals for simple-protocol statements)', () => {
  it('quotes text, doubling single quotes (and only then rewriting it)', () => {
    expect(lit('Cēsu VPVKAC')).toBe("'Cēsu VPVKAC'");
    expect(lit("O'Brien's")).toBe("'O''Brien''s'");
    expect(lit("'")).toBe("''''");
    expect(lit('back\\slash $$ dollar')).toBe("'back\\slash $$ dollar'");
  });

  it('refuses NUL, non-finite numbers and invalid dates', () => {
    expect(() => lit('a\u0000b')).toThrow('NUL');
    expect(() => lit(Number.NaN)).toThrow();
    expect(() => lit(Infinity)).toThrow();
    expect(() => lit(new Date('nope'))).toThrow('invalid date');
  });

  it('writes numbers, booleans, null, dates, text arrays and JSON', () => {
    expect(lit(42)).toBe('42');
    expect(lit(false)).toBe('false');
    expect(lit(null)).toBe('NULL');
    expect(lit(undefined)).toBe('NULL');
    expect(lit(new Date('2026-11-28T08:00:00Z'))).toBe("'2026-11-28T08:00:00.000Z'::timestamptz");
    expect(lit(['a', "b'c"])).toBe("ARRAY['a','b''c']::text[]");
    expect(lit({ json: { note: "it's", n: 1 } })).toBe(`'{"note":"it''s","n":1}'::jsonb`);
  });
});

import { toCsv } from './csv-writer';

describe('toCsv', () => {
  it('writes RFC 4180 CSV with a BOM, quoting where needed and defusing formulas', () => {
    const csv = toCsv({
      name: 't',
      columns: [
        { key: 'a', header: 'name' },
        { key: 'b', header: 'n' },
      ],
      rows: [
        { a: 'Cēsu VPVKAC', b: 3 },
        { a: 'say "hi", then\nleave', b: null },
        { a: '=HYPERLINK("x")', b: -1 },
      ],
    }).toString('utf8');
    expect(csv).toBe('\uFEFFname,n\r\nCēsu VPVKAC,3\r\n"say ""hi"", then\nleave",\r\n"\'=HYPERLINK(""x"")",-1\r\n');
  });
});

import { parseServicesCsv } from './parse-services-csv';

const header = 'code,institution_code,latvija_gov_lv_id,name_lv,name_en,channels,default_duration_min,description_lv,description_en';

describe('parseServicesCsv', () => {
  it('reads valid rows, with a BOM and semicolons too', () => {
    const csv = `\uFEFF${header.replace(/,/g, ';')}\nVSAA-001;VSAA;45686;Pabalsts;Benefit;both;20;"Apraksts; ar semikolu";Description\n`;
    const { rows, errors } = parseServicesCsv(csv);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({ code: 'VSAA-001', institutionCode: 'VSAA', latvijaGovLvId: '45686', channels: 'both', defaultDurationMin: 20, descriptionLv: 'Apraksts; ar semikolu' }),
    ]);
  });

  it('reports every bad field with its line', () => {
    const csv = `${header}\nbad code,VSAA,x,,Benefit,fax,3,,\nVID-001,VID,,Deklarācija,Declaration,in_person,15,,\nVID-001,VID,,Dup,Dup,in_person,15,,\n`;
    const { rows, errors } = parseServicesCsv(csv);
    expect(rows.map((r) => r.code)).toEqual(['VID-001']);
    expect(errors.map((e) => e.field)).toEqual([
      'line 2.code',
      'line 2.name_lv',
      'line 2.channels',
      'line 2.default_duration_min',
      'line 2.latvija_gov_lv_id',
      'line 4.code',
    ]);
  });

  it('reads the optional citizen_identity column (absent or empty: false) and refuses other values', () => {
    expect(parseServicesCsv(`${header}\nVSAA-009,VSAA,,Pensija,Pension,in_person,30,,\n`).rows[0]!.citizenIdentity).toBe(false);
    const csv = `${header},citizen_identity\nVSAA-009,VSAA,,Pensija,Pension,in_person,30,,,TRUE\nVID-001,VID,,Deklarācija,Declaration,in_person,15,,,\nVID-002,VID,,Izdevumi,Expenses,in_person,15,,,ja\n`;
    const { rows, errors } = parseServicesCsv(csv);
    expect(rows.map((r) => [r.code, r.citizenIdentity])).toEqual([
      ['VSAA-009', true],
      ['VID-001', false],
    ]);
    expect(errors.map((e) => e.field)).toEqual(['line 4.citizen_identity']);
  });

  it('names missing columns', () => {
    const { errors } = parseServicesCsv('code,name_lv\nA,B\n');
    expect(errors[0]?.code).toBe('csv.missing_columns');
    expect(errors[0]?.messageEn).toContain('institution_code');
  });
});

import { inflateSync } from 'node:zlib';
import { sampleDraft } from '../eform/eform.fixture';
import { layoutPrintedForm } from './printed-form-layout';
import { renderApplicationPdf } from './render-application-pdf';

const data = {
  applicant: { personalCode: '161175-19997', name: 'Ģirts Ķēniņš-Žūriņa', postcode: 'LV-1050' },
  children: [{ personalCode: '320000-00000', birthDate: '2025-03-14' }],
  delivery: 'email',
  year: 2025,
  consent: true,
};

describe('layoutPrintedForm', () => {
  it('prints fields in UI order with labels, sections, lists, options, dates and Jā/Nē', () => {
    expect(layoutPrintedForm(sampleDraft(), data, 'lv')).toEqual([
      { kind: 'section', depth: 0, title: 'Iesniedzējs' },
      { kind: 'field', depth: 1, label: 'Vārds', value: 'Ģirts Ķēniņš-Žūriņa' },
      { kind: 'field', depth: 1, label: 'Personal code', value: '161175-19997' },
      { kind: 'field', depth: 1, label: 'Postcode', value: 'LV-1050' },
      { kind: 'section', depth: 0, title: 'Children' },
      { kind: 'section', depth: 1, title: '1.' },
      { kind: 'field', depth: 2, label: 'Personal code', value: '320000-00000' },
      { kind: 'field', depth: 2, label: 'Birth date', value: '14.03.2025' },
      { kind: 'field', depth: 0, label: 'Delivery', value: 'E-pastā' },
      { kind: 'field', depth: 0, label: 'Year', value: '2025' },
      { kind: 'field', depth: 0, label: 'Consent', value: 'Jā' },
    ]);
  });

  it('prints arrays of values as list items and uses English when asked', () => {
    const lines = layoutPrintedForm(
      { jsonSchema: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } }, ok: { type: 'boolean' } } }, uiSchema: { order: [], fields: {} }, labels: { lv: {}, en: { '/tags': 'Tags' } } },
      { tags: ['a', 'b'], ok: false },
      'en',
    );
    expect(lines).toEqual([
      { kind: 'field', depth: 0, label: 'Tags', value: '' },
      { kind: 'item', depth: 1, value: 'a' },
      { kind: 'item', depth: 1, value: 'b' },
      { kind: 'field', depth: 0, label: 'Ok', value: 'No' },
    ]);
  });
});

describe('renderApplicationPdf', () => {
  it('renders a PDF with Latvian letters', async () => {
    const pdf = await renderApplicationPdf({
      version: sampleDraft(),
      formTitle: 'Iesniegums bērna piedzimšanas pabalsta piešķiršanai',
      data,
      reference: 'VPK-7KQ4M9TXB',
      applicantName: 'Ģirts Ķēniņš-Žūriņa',
      applicantPersonalCode: '161175-19997',
      centreName: 'Ādažu novada VPVKAC',
      submittedAt: new Date('2026-12-01T10:30:00Z'),
      lang: 'lv',
      consentText: 'Piekrītu, ka mani personas dati tiek apstrādāti iesnieguma izskatīšanai (ā č ē ģ ī ķ ļ ņ š ū ž).',
    });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(1024);
  });

  it('breaks long forms across pages', async () => {
    const many = { ...data, children: Array.from({ length: 60 }, () => ({ birthDate: '2025-03-14' })) };
    const pdf = await renderApplicationPdf({
      version: sampleDraft(),
      formTitle: 'Garš iesniegums',
      data: many,
      reference: 'VPK-7KQ4M9TXB',
      applicantName: 'Anna',
      centreName: 'Centrs',
      submittedAt: new Date(),
      lang: 'en',
    });
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length).toBeGreaterThan(1);
  });
});

/**
 * The text a reader sees on the pages: content streams decoded through each font's ToUnicode map
 * (pdfkit embeds subset fonts with Identity-H glyph ids, so the bytes themselves say nothing).
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: string }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const s = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body);
    const dict = s ? body.slice(0, s.index) : body;
    const bytes = s ? Buffer.from(s[1]!, 'latin1') : undefined;
    objects.set(Number(m[1]), { dict, stream: bytes && (/\/FlateDecode/.test(dict) ? inflateSync(bytes).toString('latin1') : bytes.toString('latin1')) });
  }
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  const cmapOf = (fontObject: number): Map<number, string> => {
    const map = new Map<number, string>();
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObject)?.dict ?? '');
    const cmap = ref ? (objects.get(Number(ref[1]))?.stream ?? '') : '';
    for (const r of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
      const [from, to] = [parseInt(r[1]!, 16), parseInt(r[2]!, 16)];
      if (r[3]!.startsWith('[')) [...r[3]!.matchAll(/<([0-9a-f]+)>/gi)].forEach((u, i) => map.set(from + i, hex(u[1]!)));
      else for (let c = from; c <= to; c++) map.set(c, String.fromCodePoint(parseInt(r[3]!.slice(1, -1), 16) + c - from));
    }
    return map;
  };
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    const block = /\/Font\s*<<([^>]*)>>/.exec(dict);
    for (const f of block ? block[1]!.matchAll(/\/(\w+) (\d+) 0 R/g) : []) fonts.set(f[1]!, cmapOf(Number(f[2])));
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream || !/\bTJ\b/.test(stream)) continue;
    let font = new Map<number, string>();
    for (const op of stream.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) font = fonts.get(op[1]) ?? new Map();
      else lines.push([...op[2]!.matchAll(/<([0-9a-f]*)>/gi)].map((g) => (g[1]!.match(/.{4}/g) ?? []).map((c) => font.get(parseInt(c, 16)) ?? '?').join('')).join(''));
    }
  }
  return lines.join('\n');
}

describe('the printed application (text on the page)', () => {
  const input = {
    version: sampleDraft(),
    formTitle: 'Iesniegums bērna piedzimšanas pabalsta piešķiršanai',
    data,
    reference: 'VPK-7KQ4M9TXB',
    applicantName: 'Ģirts Ķēniņš-Žūriņa',
    applicantPersonalCode: '161175-19997',
    centreName: 'Ādažu novada VPVKAC',
    submittedAt: new Date('2026-12-01T10:30:00Z'),
    consentText: 'Piekrītu datu apstrādei.',
  };

  it('carries the reference, the answers in Latvian letters, the consent and a signature line', async () => {
    const text = pdfText(await renderApplicationPdf({ ...input, lang: 'lv' }));
    expect(text).toContain('Iesniegums bērna piedzimšanas pabalsta piešķiršanai');
    expect(text).toContain('Iesnieguma numurs');
    expect(text).toContain('VPK-7KQ4M9TXB');
    expect(text).toContain('Ģirts Ķēniņš-Žūriņa');
    expect(text).toContain('Piekrītu datu apstrādei.');
    expect(text).toMatch(/Paraksts: _{10,}\s+Datums: _{10,}/);
  });

  it('prints the English labels when asked', async () => {
    const text = pdfText(await renderApplicationPdf({ ...input, lang: 'en' }));
    expect(text).toContain('Application number');
    expect(text).toMatch(/Signature: _{10,}\s+Date: _{10,}/);
    expect(text).not.toContain('Paraksts');
  });
});

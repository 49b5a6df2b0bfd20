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

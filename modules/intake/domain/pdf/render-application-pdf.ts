import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';
import type { FormData } from '../eform/json-schema';
import type { FormLanguage } from '../eform/form-labels';
import { layoutPrintedForm, type PrintableVersion, type PrintedLine } from './printed-form-layout';

export interface ApplicationPdfInput {
  /** The version the application was filled against: labels, UI order and schema. */
  version: PrintableVersion;
  /** The form's title in `lang`. */
  formTitle: string;
  data: FormData;
  reference: string;
  applicantName: string;
  /** Printed as given. */
  applicantPersonalCode?: string;
  centreName: string;
  submittedAt: Date;
  lang: FormLanguage;
  consentText?: string;
  timeZone?: string;
}

// Latvian letters (ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž) are missing from the PDF standard fonts.
const FONT_DIR = `${require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, '')}ttf/`;
const REGULAR = `${FONT_DIR}DejaVuSans.ttf`;
const BOLD = `${FONT_DIR}DejaVuSans-Bold.ttf`;

const TEXT = {
  lv: {
    reference: 'Iesnieguma numurs',
    submitted: 'Iesniegts',
    centre: 'Klientu apkalpošanas centrs',
    applicant: 'Iesniedzējs',
    personalCode: 'Personas kods',
    answers: 'Iesnieguma saturs',
    consent: 'Piekrišana',
    signature: 'Paraksts: ____________________     Datums: ____________________',
    page: (n: number, of: number) => `Lapa ${n} no ${of}`,
  },
  en: {
    reference: 'Application number',
    submitted: 'Submitted',
    centre: 'Customer service centre',
    applicant: 'Applicant',
    personalCode: 'Personal code',
    answers: 'Application content',
    consent: 'Consent',
    signature: 'Signature: ____________________     Date: ____________________',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
} as const;

const MARGIN = 50;
const INDENT = 14;

/** A printable A4 copy of an application, for the citizen to sign at the centre. */
export function renderApplicationPdf(input: ApplicationPdfInput): Promise<Buffer> {
  const t = TEXT[input.lang];
  const zone = input.timeZone ?? 'Europe/Riga';
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    font: REGULAR,
    info: { Title: `${input.formTitle} ${input.reference}`, Author: input.centreName, Subject: input.reference },
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);

  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(16).text(input.formTitle);
  doc.moveDown(0.5);
  const submitted = DateTime.fromJSDate(input.submittedAt, { zone }).toFormat('dd.MM.yyyy HH:mm');
  labelled(doc, t.reference, input.reference, 0);
  labelled(doc, t.submitted, submitted, 0);
  labelled(doc, t.centre, input.centreName, 0);
  labelled(doc, t.applicant, input.applicantName, 0);
  if (input.applicantPersonalCode) labelled(doc, t.personalCode, input.applicantPersonalCode, 0);

  heading(doc, t.answers, 13);
  for (const line of layoutPrintedForm(input.version, input.data, input.lang, zone)) printLine(doc, line);

  if (input.consentText) {
    heading(doc, t.consent, 12);
    doc.font('regular').fontSize(10).text(input.consentText, { align: 'justify' });
  }

  doc.moveDown(3);
  doc.font('regular').fontSize(11).text(t.signature, MARGIN);
  footer(doc, input.reference, t.page);
  doc.end();
  return done;
}

function printLine(doc: PDFKit.PDFDocument, line: PrintedLine): void {
  switch (line.kind) {
    case 'section':
      doc.moveDown(0.4);
      doc.font('bold').fontSize(11).text(line.title, MARGIN + line.depth * INDENT);
      return;
    case 'field':
      labelled(doc, line.label, line.value, line.depth);
      return;
    case 'item':
      doc.font('regular').fontSize(10).text(`•  ${line.value}`, MARGIN + line.depth * INDENT);
      return;
  }
}

function labelled(doc: PDFKit.PDFDocument, label: string, value: string, depth: number): void {
  const x = MARGIN + depth * INDENT;
  const width = doc.page.width - MARGIN - x;
  if (!value) {
    doc.font('bold').fontSize(10).text(`${label}:`, x, undefined, { width });
    return;
  }
  doc.font('bold').fontSize(10).text(`${label}: `, x, undefined, { width, continued: true });
  doc.font('regular').text(value);
}

function heading(doc: PDFKit.PDFDocument, title: string, size: number): void {
  doc.moveDown(1);
  doc.font('bold').fontSize(size).text(title, MARGIN);
  const y = doc.y + 2;
  doc.moveTo(MARGIN, y).lineTo(doc.page.width - MARGIN, y).lineWidth(0.5).stroke();
  doc.moveDown(0.5);
}

function footer(doc: PDFKit.PDFDocument, reference: string, page: (n: number, of: number) => string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would otherwise start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .text(`${reference}  ·  ${page(i - range.start + 1, range.count)}`, MARGIN, doc.page.height - MARGIN / 2 - 8, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

// Intake domain: e-forms (definitions, immutable versions, validation), applications and their
// lifecycle, retention, and the printable PDF. Plain TypeScript plus Ajv and pdfkit.
export * from './eform';
export * from './application';
export * from './pdf';

import type { FormVersionContent } from './form-version-references.rule';
import { EFormVersion } from './eform-version';

/** A small form touching every format and a nested array, for validator and lifecycle specs. */
export function sampleFormContent(): FormVersionContent {
  return {
    jsonSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      required: ['applicant', 'consent'],
      properties: {
        applicant: {
          type: 'object',
          additionalProperties: false,
          required: ['personalCode', 'name'],
          properties: {
            personalCode: { type: 'string', format: 'lv-personal-code' },
            name: { type: 'string', minLength: 1, maxLength: 20 },
            phone: { type: 'string', format: 'lv-phone' },
            email: { type: 'string', format: 'email' },
            postcode: { type: 'string', format: 'lv-postcode' },
            companyRegNo: { type: 'string', format: 'lv-company-reg-no' },
          },
        },
        iban: {
          type: 'string',
          pattern: '^LV\\d{2}[A-Z]{4}\\d{13}$',
          'x-messages': { pattern: { lv: 'Nederīgs IBAN konta numurs', en: 'Invalid IBAN account number' } },
        },
        children: {
          type: 'array',
          maxItems: 2,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['birthDate'],
            properties: { personalCode: { type: 'string', format: 'lv-personal-code' }, birthDate: { type: 'string', format: 'date' } },
          },
        },
        delivery: { type: 'string', enum: ['email', 'post'] },
        year: { type: 'integer', minimum: 2020, maximum: 2030 },
        consent: { const: true },
      },
    },
    uiSchema: { order: ['applicant', 'children', 'delivery'], fields: { '/delivery': { widget: 'radio' }, '/applicant': { order: ['name', 'personalCode'] } } },
    labels: {
      lv: { '/applicant': 'Iesniedzējs', '/applicant/name': 'Vārds', '/delivery#email': 'E-pastā' },
      en: { '/applicant': 'Applicant', '/applicant/name': 'Name', '/delivery#email': 'By e-mail' },
    },
    sensitiveFields: ['/applicant', '/children/*/personalCode', '/iban'],
  };
}

export function sampleDraft(): EFormVersion {
  return EFormVersion.draft({ formId: 'form-1', version: 1, createdBy: 'admin-1', ...sampleFormContent() }, new Date('2026-12-01T10:00:00Z'));
}

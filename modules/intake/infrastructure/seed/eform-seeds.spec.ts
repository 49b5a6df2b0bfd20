import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EFormDefinition, EFormValidator, EFormVersion, layoutPrintedForm, listSchemaFields, renderApplicationPdf, type FormData } from '../../domain';
import { loadEFormSample, loadEFormSeeds, type EFormSeed } from './eform-seeds';

const validator = new EFormValidator();
const seeds = loadEFormSeeds();
const serviceCodes = new Set(
  readFileSync(join(__dirname, '../../../network/infrastructure/seed/data/services.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]),
);

function publishedVersion(seed: EFormSeed): EFormVersion {
  const form = EFormDefinition.create(seed);
  const version = EFormVersion.draft({ formId: form.id, version: 1, createdBy: 'seed', ...seed });
  version.publish(new Date(), 'seed', validator);
  return version;
}

describe('seeded e-forms', () => {
  it('are the five expected forms', () => {
    expect(seeds.map((s) => s.code)).toEqual(['NVA-BEZDARBNIEKS', 'PMLP-DZIVESVIETA', 'VID-GID-PALIDZIBA', 'VSAA-PIEDZIMSANA', 'VZD-KADASTRS']);
  });

  describe.each(seeds.map((s) => [s.code, s] as const))('%s', (_code, seed) => {
    it('names services of the catalogue and its own institution', () => {
      for (const code of seed.serviceCodes) {
        expect(serviceCodes).toContain(code);
        expect(code.startsWith(`${seed.institutionCode}-`)).toBe(true);
      }
    });

    it('compiles and can be published', () => {
      expect(validator.validateSchema(seed.jsonSchema)).toEqual([]);
      expect(publishedVersion(seed).status).toBe('published');
    });

    it('closes every object and labels every field in both languages', () => {
      for (const field of listSchemaFields(seed.jsonSchema)) {
        for (const schema of field.schemas) {
          if (schema.type === 'object' && schema.properties) expect([field.pointer, schema.additionalProperties]).toEqual([field.pointer, false]);
        }
        if (field.pointer.endsWith('/*')) continue;
        expect([field.pointer, typeof seed.labels.lv[field.pointer]]).toEqual([field.pointer, 'string']);
        expect([field.pointer, typeof seed.labels.en[field.pointer]]).toEqual([field.pointer, 'string']);
      }
    });

    it('accepts its realistic sample', () => {
      const result = validator.validate(publishedVersion(seed), loadEFormSample(seed.code));
      expect(result.errors).toEqual([]);
    });

    it('rejects a bad answer with a field error', () => {
      const bad = structuredClone(loadEFormSample(seed.code)) as FormData & { applicant: Record<string, unknown> };
      bad.applicant.personalCode = '111112-11111';
      delete bad.confirmTruthful;
      delete bad.feeAcknowledged;
      bad.unexpected = 'x';
      const { valid, errors } = validator.validate(publishedVersion(seed), bad);
      expect(valid).toBe(false);
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'applicant.personalCode', messageLv: 'Nederīgs personas kods' }),
          expect.objectContaining({ field: 'unexpected', code: 'FORM.ADDITIONAL_PROPERTIES' }),
        ]),
      );
      expect(errors.some((e) => e.code === 'FORM.REQUIRED')).toBe(true);
    });

    it('prints every answer of its sample', async () => {
      const version = publishedVersion(seed);
      const sample = loadEFormSample(seed.code);
      const lines = layoutPrintedForm(version, sample, 'lv');
      expect(lines.length).toBeGreaterThan(8);
      const known = new Set(Object.values(seed.labels.lv));
      const printedLabels = lines.flatMap((l) => (l.kind === 'field' ? [l.label] : l.kind === 'section' && !/^\d+\.$/.test(l.title) ? [l.title] : []));
      expect(printedLabels.filter((label) => !known.has(label))).toEqual([]);
      // Options print their labels, never the stored value.
      const optionValues = new Set(Object.keys(seed.labels.lv).flatMap((key) => (key.includes('#') ? [key.split('#')[1]] : [])));
      expect(lines.filter((l) => l.kind !== 'section' && optionValues.has(l.value))).toEqual([]);
      const pdf = await renderApplicationPdf({
        version,
        formTitle: seed.titleLv,
        data: sample,
        reference: 'VPK-7KQ4M9TXB',
        applicantName: 'Līga Ozoliņa',
        centreName: 'Siguldas novada VPVKAC',
        submittedAt: new Date('2026-12-01T10:30:00Z'),
        lang: 'lv',
      });
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    });
  });
});

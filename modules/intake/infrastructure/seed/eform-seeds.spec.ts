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

type Mutation = (data: Record<string, any>) => void;

describe('service-specific rules of the seeded forms', () => {
  it.each<[string, string, Mutation, string, string]>([
    ['PMLP-DZIVESVIETA', 'other legal basis needs a description', (d) => (d.legalBasis = 'other'), 'legalBasisDetails', 'Lauks ir obligāts'],
    ['PMLP-DZIVESVIETA', 'arrival from abroad needs the country', (d) => (d.arrivedFromAbroad = true), 'previousCountry', 'Lauks ir obligāts'],
    ['PMLP-DZIVESVIETA', 'postcode format', (d) => (d.newAddress.postcode = 'LV2150'), 'newAddress.postcode', 'Nederīgs pasta indekss (formāts LV-1234)'],
    ['PMLP-DZIVESVIETA', 'declared person personal code', (d) => (d.personsDeclared[0].personalCode = '161375-19997'), 'personsDeclared.0.personalCode', 'Nederīgs personas kods'],
    ['VSAA-PIEDZIMSANA', 'IBAN with spaces', (d) => (d.payment.iban = 'LV87 HABA 0551 0123 4567 8'), 'payment.iban', 'Nederīgs Latvijas konta numurs (IBAN formātā LV00BANK0000000000000, bez atstarpēm)'],
    ['VSAA-PIEDZIMSANA', 'birth abroad needs the country', (d) => (d.children[0].bornAbroad = true), 'children.0.birthCountry', 'Lauks ir obligāts'],
    ['VSAA-PIEDZIMSANA', 'decision by e-mail needs an e-mail', (d) => delete d.applicant.email, 'applicant.email', 'Lauks ir obligāts'],
    ['VSAA-PIEDZIMSANA', 'at least one child', (d) => (d.children = []), 'children', 'Par maz ierakstu (vismaz 1)'],
    ['VSAA-PIEDZIMSANA', 'birth date format', (d) => (d.children[0].birthDate = '02.10.2026'), 'children.0.birthDate', 'Nederīgs datums (formāts GGGG-MM-DD)'],
    ['VID-GID-PALIDZIBA', 'foreign income needs countries', (d) => delete d.foreignIncomeCountries, 'foreignIncomeCountries', 'Lauks ir obligāts'],
    ['VID-GID-PALIDZIBA', 'a refund needs an account', (d) => delete d.refundIban, 'refundIban', 'Lauks ir obligāts'],
    ['VID-GID-PALIDZIBA', 'tax year range', (d) => (d.taxYear = 2019), 'taxYear', 'Vērtībai jābūt ne mazākai par 2020'],
    ['VID-GID-PALIDZIBA', 'income types do not repeat', (d) => (d.incomeTypes = ['pension', 'pension']), 'incomeTypes', 'Ieraksti nedrīkst atkārtoties'],
    ['VID-GID-PALIDZIBA', 'phone format', (d) => (d.applicant.phone = '+372 5123 4567'), 'applicant.phone', 'Nederīgs tālruņa numurs'],
    ['NVA-BEZDARBNIEKS', 'previous work needs the last job', (d) => delete d.lastJob, 'lastJob', 'Lauks ir obligāts'],
    ['NVA-BEZDARBNIEKS', 'working time is chosen', (d) => (d.availability.workTime = []), 'availability.workTime', 'Par maz ierakstu (vismaz 1)'],
    ['NVA-BEZDARBNIEKS', 'not employed must be confirmed', (d) => (d.confirmNotEmployed = false), 'confirmNotEmployed', 'Jāapstiprina'],
    ['NVA-BEZDARBNIEKS', 'licence categories', (d) => (d.drivingLicences = ['B', 'X']), 'drivingLicences.1', 'Izvēlieties vienu no piedāvātajām vērtībām'],
    ['VZD-KADASTRS', 'a building has a 14-digit designation', (d) => (d.objects[1].cadastralNumber = '80960010123'), 'objects.1.cadastralNumber', 'Būves kadastra apzīmējumam jābūt 14 cipariem'],
    ['VZD-KADASTRS', 'cadastral numbers are digits', (d) => (d.objects[0].cadastralNumber = '8096-001-0123'), 'objects.0.cadastralNumber', 'Īpašuma kadastra numuram vai zemes vienības apzīmējumam jābūt 11 cipariem'],
    ['VZD-KADASTRS', 'object types come from the list', (d) => (d.objects[0].objectType = 'forest'), 'objects.0.objectType', 'Izvēlieties vienu no piedāvātajām vērtībām'],
    ['VZD-KADASTRS', 'premises have a 17-digit designation', (d) => (d.objects[1] = { objectType: 'premises_group', cadastralNumber: '80960010123001' }), 'objects.1.cadastralNumber', 'Telpu grupas kadastra apzīmējumam jābūt 17 cipariem'],
    ['VZD-KADASTRS', 'company registration number', (d) => (d.company.regNo = '40003521601'), 'company.regNo', 'Nederīgs reģistrācijas numurs'],
    ['VZD-KADASTRS', 'a legal entity needs its details', (d) => delete d.company, 'company', 'Lauks ir obligāts'],
    ['VZD-KADASTRS', 'delivery by post needs an address', (d) => (d.deliveryMethod = 'post'), 'postalAddress', 'Lauks ir obligāts'],
    ['VZD-KADASTRS', 'the fee is acknowledged', (d) => (d.feeAcknowledged = false), 'feeAcknowledged', 'Jāapstiprina'],
  ])('%s: %s', (code, _rule, mutate, field, messageLv) => {
    const seed = seeds.find((s) => s.code === code)!;
    const data = structuredClone(loadEFormSample(code)) as Record<string, unknown>;
    mutate(data);
    const { errors } = validator.validate(publishedVersion(seed), data);
    expect(errors).toEqual([expect.objectContaining({ field, messageLv })]);
  });

  it('VZD-KADASTRS: without a valid object type any number needs 11, 14 or 17 digits', () => {
    const seed = seeds.find((s) => s.code === 'VZD-KADASTRS')!;
    const data = structuredClone(loadEFormSample(seed.code)) as { objects: Array<Record<string, unknown>> };
    data.objects[0] = { cadastralNumber: '123' };
    expect(validator.validate(publishedVersion(seed), data).errors).toEqual([
      expect.objectContaining({ field: 'objects.0.objectType', code: 'FORM.REQUIRED' }),
      expect.objectContaining({ field: 'objects.0.cadastralNumber', messageLv: 'Kadastra numuram vai apzīmējumam jābūt 11, 14 vai 17 cipariem' }),
    ]);
  });
});

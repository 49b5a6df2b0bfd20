import { EFormValidator } from './eform-validator';
import { sampleDraft } from './eform.fixture';

const validator = new EFormValidator();
const valid = () => ({
  applicant: { personalCode: '161175-19997', name: 'Jānis Bērziņš', phone: '+371 29 123 456', email: 'janis@example.lv', postcode: 'LV-1050', companyRegNo: '40003521600' },
  iban: 'LV80BANK0000435195001',
  children: [{ personalCode: '320000-00000', birthDate: '2025-03-14' }],
  delivery: 'email',
  year: 2025,
  consent: true,
});
const errorsFor = (data: unknown) => validator.validate(sampleDraft(), data).errors;

describe('EFormValidator.validate', () => {
  it('accepts valid answers', () => {
    expect(validator.validate(sampleDraft(), valid())).toEqual({ valid: true, errors: [] });
  });

  it.each(['161175-19997', '290156-11605', '111111-11111', '16117519997', '320000-00000'])('accepts the personal code %s', (code) => {
    const data = valid();
    data.applicant.personalCode = code;
    expect(errorsFor(data)).toEqual([]);
  });

  it.each(['111112-11111', '161375-19997', '1611751999', 'abc'])('rejects the personal code %s with a friendly message', (code) => {
    const data = valid();
    data.applicant.personalCode = code;
    expect(errorsFor(data)).toEqual([
      { field: 'applicant.personalCode', code: 'FORM.FORMAT', messageLv: 'Nederīgs personas kods', messageEn: 'Invalid personal code' },
    ]);
  });

  it.each([
    ['companyRegNo', '40003521601', 'Nederīgs reģistrācijas numurs'],
    ['postcode', 'LV1050', 'Nederīgs pasta indekss (formāts LV-1234)'],
    ['phone', '39123456', 'Nederīgs tālruņa numurs'],
    ['email', 'janis@', 'Nederīga e-pasta adrese'],
  ] as const)('names the %s format in the message', (field, value, messageLv) => {
    const data = valid();
    data.applicant[field] = value;
    expect(errorsFor(data)).toEqual([expect.objectContaining({ field: `applicant.${field}`, code: 'FORM.FORMAT', messageLv })]);
  });

  it('names array items by index and checks dates', () => {
    const data = valid();
    data.children = [{ personalCode: '111112-11111', birthDate: '2025-02-30' }];
    expect(errorsFor(data).map((e) => [e.field, e.messageLv])).toEqual([
      ['children.0.personalCode', 'Nederīgs personas kods'],
      ['children.0.birthDate', 'Nederīgs datums (formāts GGGG-MM-DD)'],
    ]);
  });

  it('reports required, unknown, type, enum, const, limits and patterns in both languages', () => {
    const errors = errorsFor({
      applicant: { name: 'A very long name that exceeds the limit', extra: 1 },
      iban: 'LV80 BANK',
      children: [{ birthDate: '2025-01-01' }, { birthDate: '2025-01-01' }, { birthDate: '2025-01-01' }],
      delivery: 'pigeon',
      year: 2019.5,
      consent: false,
    });
    const byField = Object.fromEntries(errors.map((e) => [e.field, e]));
    expect(byField['applicant.personalCode']).toMatchObject({ code: 'FORM.REQUIRED', messageLv: 'Lauks ir obligāts', messageEn: 'This field is required' });
    expect(byField['applicant.extra']).toMatchObject({ code: 'FORM.ADDITIONAL_PROPERTIES', messageLv: 'Nezināms lauks' });
    expect(byField['applicant.name']).toMatchObject({ code: 'FORM.MAX_LENGTH', messageLv: 'Teksts ir par garu (ne vairāk kā 20 rakstz.)', messageEn: 'Too long (at most 20 characters)' });
    expect(byField.iban).toMatchObject({ code: 'FORM.PATTERN', messageLv: 'Nederīgs IBAN konta numurs', messageEn: 'Invalid IBAN account number' });
    expect(byField.children).toMatchObject({ code: 'FORM.MAX_ITEMS', messageLv: 'Par daudz ierakstu (ne vairāk kā 2)' });
    expect(byField.delivery).toMatchObject({ code: 'FORM.ENUM', messageLv: 'Izvēlieties vienu no piedāvātajām vērtībām' });
    expect(byField.year).toMatchObject({ code: 'FORM.TYPE', messageLv: 'Jābūt veselam skaitlim', messageEn: 'Must be a whole number' });
    expect(byField.consent).toMatchObject({ code: 'FORM.CONST', messageLv: 'Jāapstiprina', messageEn: 'Must be confirmed' });
  });

  it('reports minimum and maximum', () => {
    const low = valid();
    low.year = 2019;
    expect(errorsFor(low)).toEqual([{ field: 'year', code: 'FORM.MINIMUM', messageLv: 'Vērtībai jābūt ne mazākai par 2020', messageEn: 'Must be at least 2020' }]);
    const high = valid();
    high.year = 2031;
    expect(errorsFor(high)[0]).toMatchObject({ code: 'FORM.MAXIMUM', messageEn: 'Must be at most 2030' });
  });

  it('reports a missing root field and a non-object body', () => {
    expect(errorsFor({ applicant: valid().applicant })).toEqual([expect.objectContaining({ field: 'consent', code: 'FORM.REQUIRED' })]);
    expect(errorsFor('nope')).toEqual([expect.objectContaining({ field: '', code: 'FORM.TYPE', messageEn: 'Must be an object' })]);
  });

  it('assertValid throws the field errors as a validation DomainError', () => {
    expect(() => validator.assertValid(sampleDraft(), valid())).not.toThrow();
    expect(() => validator.assertValid(sampleDraft(), { ...valid(), delivery: 'fax' })).toThrow(
      expect.objectContaining({ code: 'INTAKE.FORM_DATA_INVALID', kind: 'validation', fieldErrors: [expect.objectContaining({ field: 'delivery' })] }),
    );
  });

  it('reuses the compiled validator of a published version and recompiles an edited draft', () => {
    const v = new EFormValidator();
    const draft = sampleDraft();
    expect(v.validate(draft, { ...valid(), year: 2019 }).valid).toBe(false);
    draft.updateDraft({ jsonSchema: { type: 'object', additionalProperties: true } });
    expect(v.validate(draft, { anything: 1 }).valid).toBe(true);
    draft.updateDraft({ jsonSchema: { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } }, sensitiveFields: [], uiSchema: { order: [], fields: {} }, labels: { lv: {}, en: {} } });
    draft.publish(new Date(), 'admin', v);
    expect(v.validate(draft, { anything: 1 }).valid).toBe(false);
    const reloaded = { ...draft, jsonSchema: structuredClone(draft.jsonSchema) };
    expect(v.validate(reloaded, { a: 'x' }).valid).toBe(true);
  });
});

describe('EFormValidator.validateSchema', () => {
  it('accepts the sample schema', () => {
    expect(validator.validateSchema(sampleDraft().jsonSchema)).toEqual([]);
  });

  it('requires an object schema closed at the root', () => {
    expect(validator.validateSchema('x').map((e) => e.code)).toEqual(['FORM_SCHEMA.NOT_AN_OBJECT']);
    expect(validator.validateSchema({ type: 'array' }).map((e) => e.code)).toEqual(['FORM_SCHEMA.ROOT_MUST_BE_OBJECT', 'FORM_SCHEMA.ROOT_MUST_CLOSE_PROPERTIES']);
    expect(validator.validateSchema({ type: 'object', unevaluatedProperties: false })).toEqual([]);
  });

  it('rejects other dialects, meta-schema violations, unknown keywords and unknown formats', () => {
    expect(validator.validateSchema({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false })[0].code).toBe(
      'FORM_SCHEMA.UNSUPPORTED_DIALECT',
    );
    const meta = validator.validateSchema({ type: 'object', additionalProperties: false, properties: { a: { type: 'text' } } });
    expect(meta[0]).toMatchObject({ code: 'FORM_SCHEMA.META_INVALID', field: expect.stringContaining('jsonSchema.properties.a.type') });
    expect(validator.validateSchema({ type: 'object', additionalProperties: false, properties: { a: { type: 'string', widget: 'x' } } })[0].code).toBe(
      'FORM_SCHEMA.COMPILE_FAILED',
    );
    expect(validator.validateSchema({ type: 'object', additionalProperties: false, properties: { a: { type: 'string', format: 'lv-unknown' } } })[0].code).toBe(
      'FORM_SCHEMA.COMPILE_FAILED',
    );
  });

  it('accepts "required if" in then-branches but catches required names nothing declares', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: { basis: { type: 'string' }, details: { type: 'string' }, applicant: { type: 'object', additionalProperties: false, properties: { email: { type: 'string' } } } },
      if: { properties: { basis: { const: 'other' } }, required: ['basis'] },
      then: { required: ['details'], properties: { applicant: { type: 'object', required: ['email'] } } },
    };
    expect(validator.validateSchema(schema)).toEqual([]);
    const typo = { ...schema, then: { required: ['detail'] }, properties: { ...schema.properties, applicant: { type: 'object', additionalProperties: false, required: ['mail'], properties: { email: { type: 'string' } } } } };
    expect(validator.validateSchema(typo).map((e) => [e.field, e.code])).toEqual([
      ['jsonSchema', 'FORM_SCHEMA.UNKNOWN_REQUIRED'],
      ['jsonSchema.applicant', 'FORM_SCHEMA.UNKNOWN_REQUIRED'],
    ]);
  });

  it('checks the shape of x-messages', () => {
    const bad = { type: 'object', additionalProperties: false, properties: { a: { type: 'string', 'x-messages': { pattern: { lv: 'only Latvian' } } } } };
    expect(validator.validateSchema(bad)[0]).toMatchObject({ code: 'FORM_SCHEMA.COMPILE_FAILED', messageEn: expect.stringContaining('x-messages') });
  });

  it('lets the same $id be compiled for several versions', () => {
    const schema = { $id: 'https://vpvkac.lv/forms/x', type: 'object', additionalProperties: false };
    const v = new EFormValidator();
    expect(v.validate({ id: 'v1', status: 'published', jsonSchema: schema }, {}).valid).toBe(true);
    expect(v.validate({ id: 'v2', status: 'published', jsonSchema: { ...schema } }, {}).valid).toBe(true);
  });
});

describe('EFormValidator.previewWithSample', () => {
  it('validates sample data against a draft', () => {
    expect(validator.previewWithSample(sampleDraft(), valid()).valid).toBe(true);
    expect(validator.previewWithSample(sampleDraft(), { ...valid(), delivery: 'x' }).errors[0].field).toBe('delivery');
  });

  it('returns schema problems instead of throwing', () => {
    const draft = sampleDraft();
    draft.updateDraft({ jsonSchema: { type: 'object' } });
    expect(validator.previewWithSample(draft, {}).errors[0].code).toBe('FORM_SCHEMA.ROOT_MUST_CLOSE_PROPERTIES');
  });
});

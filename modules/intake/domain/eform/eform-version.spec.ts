import { DomainError } from '@modules/shared-kernel';
import { EFormDefinition } from './eform-definition';
import { EFormVersion } from './eform-version';
import { sampleDraft } from './eform.fixture';
import { publishReplacing } from './publish-form-version';

const now = new Date('2026-12-02T08:00:00Z');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'no error';
}

describe('EFormVersion', () => {
  it('publishes a valid draft', () => {
    const v = sampleDraft();
    v.publish(now, 'admin-2');
    expect(v).toMatchObject({ status: 'published', publishedAt: now, publishedBy: 'admin-2', acceptsApplications: true });
  });

  it('never changes once published', () => {
    const v = sampleDraft();
    v.publish(now, 'admin');
    expect(codeOf(() => v.updateDraft({ changeNote: 'x' }))).toBe('INTAKE.VERSION_IMMUTABLE');
    expect(codeOf(() => v.publish(now, 'admin'))).toBe('INTAKE.VERSION_IMMUTABLE');
    v.retire(now);
    expect(v.status).toBe('retired');
    expect(codeOf(() => v.updateDraft({ sensitiveFields: [] }))).toBe('INTAKE.VERSION_IMMUTABLE');
    expect(codeOf(() => v.retire(now))).toBe('INTAKE.VERSION_NOT_PUBLISHED');
  });

  it('cannot retire a draft', () => {
    expect(codeOf(() => sampleDraft().retire(now))).toBe('INTAKE.VERSION_NOT_PUBLISHED');
  });

  it('does not share content with the caller', () => {
    const content = sampleDraft().content();
    const v = EFormVersion.draft({ formId: 'f', version: 2, createdBy: 'a', ...content });
    content.sensitiveFields.push('/x');
    expect(v.sensitiveFields).not.toContain('/x');
  });

  it('refuses to publish when a sensitive pointer does not exist', () => {
    const v = sampleDraft();
    v.updateDraft({ sensitiveFields: [...v.sensitiveFields, '/applicant/passport'] });
    let error: DomainError | undefined;
    try {
      v.publish(now, 'admin');
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('INTAKE.VERSION_NOT_PUBLISHABLE');
    expect(error?.fieldErrors).toEqual([expect.objectContaining({ field: 'sensitiveFields.3', code: 'FORM_SCHEMA.UNKNOWN_FIELD' })]);
    expect(v.status).toBe('draft');
  });

  it('refuses to publish when the schema does not compile', () => {
    const v = sampleDraft();
    v.updateDraft({ jsonSchema: { type: 'object', additionalProperties: false, properties: { a: { type: 'string', format: 'nope' } } }, sensitiveFields: [], uiSchema: { order: [], fields: {} }, labels: { lv: {}, en: {} } });
    expect(codeOf(() => v.publish(now, 'admin'))).toBe('INTAKE.VERSION_NOT_PUBLISHABLE');
  });

  it('requires personal-code fields to be marked sensitive', () => {
    const v = sampleDraft();
    v.updateDraft({ sensitiveFields: ['/applicant'] });
    try {
      v.publish(now, 'admin');
    } catch (e) {
      expect((e as DomainError).fieldErrors).toEqual([
        expect.objectContaining({ code: 'FORM_SCHEMA.PERSONAL_CODE_NOT_SENSITIVE', messageEn: expect.stringContaining('/children/*/personalCode') }),
      ]);
      return;
    }
    throw new Error('expected an error');
  });

  it('checks UI schema and label pointers, widgets and option labels', () => {
    const v = sampleDraft();
    v.updateDraft({
      uiSchema: { order: ['applicant', 'ghost'], fields: { '/applicant/nope': {}, '/delivery': { widget: 'slider' as never }, '/applicant': { order: ['name', 'age'] } } },
      labels: { lv: { '/delivery#fax': 'Faksā', '/children/*/birthDate': 'Dzimšanas datums' }, en: { nope: 'x' } },
    });
    let errors: DomainError['fieldErrors'] = [];
    try {
      v.publish(now, 'admin');
    } catch (e) {
      errors = (e as DomainError).fieldErrors;
    }
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['uiSchema.order.1', 'FORM_SCHEMA.UNKNOWN_FIELD'],
      ['uiSchema.fields./applicant/nope', 'FORM_SCHEMA.UNKNOWN_FIELD'],
      ['uiSchema.fields./delivery.widget', 'FORM_SCHEMA.UNKNOWN_WIDGET'],
      ['uiSchema.fields./applicant.order.1', 'FORM_SCHEMA.UNKNOWN_FIELD'],
      ['labels.lv./delivery#fax', 'FORM_SCHEMA.UNKNOWN_OPTION'],
      ['labels.en.nope', 'FORM_SCHEMA.INVALID_POINTER'],
    ]);
  });

  it('copies a published version into the next draft', () => {
    const v1 = sampleDraft();
    v1.publish(now, 'admin');
    const v2 = v1.copyAsDraft(2, 'admin', now, 'New field');
    expect(v2).toMatchObject({ status: 'draft', version: 2, formId: v1.formId, changeNote: 'New field' });
    expect(v2.id).not.toBe(v1.id);
    expect(v2.jsonSchema).toEqual(v1.jsonSchema);
    expect(v2.jsonSchema).not.toBe(v1.jsonSchema);
  });

  it('publishReplacing retires the version it replaces', () => {
    const v1 = sampleDraft();
    v1.publish(now, 'admin');
    const v2 = v1.copyAsDraft(2, 'admin', now);
    expect(publishReplacing(v2, v1, now, 'admin')).toBe(v1);
    expect([v1.status, v2.status]).toEqual(['retired', 'published']);
  });

  it('rejects a bad version number', () => {
    expect(codeOf(() => EFormVersion.draft({ formId: 'f', version: 0, createdBy: 'a', ...sampleDraft().content() }))).toBe('INTAKE.INVALID_VERSION_NUMBER');
  });
});

describe('EFormDefinition', () => {
  const props = { code: 'PMLP-DZIVESVIETA', institutionCode: 'PMLP', serviceCodes: ['PMLP-001', 'PMLP-001'], titleLv: 'Dzīvesvietas deklarācija', titleEn: 'Declaration of residence' };

  it('creates a definition', () => {
    const form = EFormDefinition.create(props, now);
    expect(form).toMatchObject({ code: 'PMLP-DZIVESVIETA', serviceCodes: ['PMLP-001'], createdAt: now });
    expect(form.title('en')).toBe('Declaration of residence');
  });

  it('validates code, services and titles', () => {
    try {
      EFormDefinition.create({ ...props, code: 'pmlp dziv', serviceCodes: [], titleEn: ' ' });
    } catch (e) {
      expect((e as DomainError).code).toBe('INTAKE.FORM_DEFINITION_INVALID');
      expect((e as DomainError).fieldErrors.map((f) => f.field)).toEqual(['code', 'serviceCodes', 'titleEn']);
      return;
    }
    throw new Error('expected an error');
  });
});

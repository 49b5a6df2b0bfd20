import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { conflict, integrationEvent, invalid, isUuid, notFound } from '@modules/shared-kernel';
import type { Principal } from '@infrastructure/auth/principal';
import { Outbox } from '@infrastructure/messaging/outbox';
import { EFormDefinition, EFormVersion, defaultEFormValidator, publishReplacing, type FormValidationResult, type FormVersionContent } from '../../domain/eform';
import { INTAKE_MODULE, IntakeEvents } from '../../contracts';
import { assertActsForInstitutionCode } from '../intake-access';
import { toFormView, toVersionView, type EFormVersionView, type EFormView } from './eform-views';

export interface NewForm extends FormVersionContent {
  code: string;
  institutionCode: string;
  serviceCodes: string[];
  titleLv: string;
  titleEn: string;
  changeNote?: string;
}

const formNotFound = (): Error => notFound('INTAKE.FORM_NOT_FOUND', 'E-forma nav atrasta', 'E-form not found');
const versionNotFound = (): Error => notFound('INTAKE.FORM_VERSION_NOT_FOUND', 'E-formas versija nav atrasta', 'E-form version not found');

/** Institution e-forms: definitions and their versions (draft → published → retired). */
@Injectable()
export class EFormService {
  private readonly validator = defaultEFormValidator();

  constructor(
    private readonly em: EntityManager,
    private readonly queries: QueryBus,
    private readonly outbox: Outbox,
  ) {}

  async list(filter: { institution?: string; service?: string }): Promise<EFormView[]> {
    const em = this.em.fork();
    const where: Record<string, unknown> = {};
    if (filter.institution) where.institutionCode = filter.institution;
    if (filter.service) where.serviceCodes = { $contains: [filter.service] };
    const forms = await em.find(EFormDefinition, where, { orderBy: { code: 'asc' } });
    const versions = await em.find(EFormVersion, { formId: { $in: forms.map((f) => f.id) } });
    return forms.map((f) => toFormView(f, versions.filter((v) => v.formId === f.id)));
  }

  async get(idOrCode: string): Promise<EFormView> {
    const em = this.em.fork();
    const form = await this.form(em, idOrCode);
    return toFormView(form, await em.find(EFormVersion, { formId: form.id }));
  }

  async version(idOrCode: string, version: number): Promise<EFormVersionView> {
    const em = this.em.fork();
    const form = await this.form(em, idOrCode);
    const v = await em.findOne(EFormVersion, { formId: form.id, version });
    if (!v) throw versionNotFound();
    return toVersionView(v);
  }

  async create(actor: Principal, input: NewForm): Promise<EFormView> {
    await assertActsForInstitutionCode(this.queries, actor, input.institutionCode);
    const schemaErrors = this.validator.validateSchema(input.jsonSchema);
    if (schemaErrors.length > 0) throw invalid('INTAKE.INVALID_FORM_SCHEMA', 'Nederīga e-formas shēma', 'Invalid e-form schema', schemaErrors);
    return this.em.fork().transactional(async (em) => {
      if (await em.count(EFormDefinition, { code: input.code })) throw conflict('INTAKE.FORM_CODE_TAKEN', 'E-forma ar šādu kodu jau ir', 'An e-form with this code exists');
      const form = EFormDefinition.create({ code: input.code, institutionCode: input.institutionCode, serviceCodes: input.serviceCodes, titleLv: input.titleLv, titleEn: input.titleEn });
      const draft = EFormVersion.draft({
        formId: form.id,
        version: 1,
        createdBy: actor.subject,
        changeNote: input.changeNote,
        jsonSchema: input.jsonSchema,
        uiSchema: input.uiSchema,
        labels: input.labels,
        sensitiveFields: input.sensitiveFields,
      });
      em.persist([form, draft]);
      await em.flush();
      return toFormView(form, [draft]);
    });
  }

  /** A new draft: a copy of the latest version, or the given content. */
  async newDraft(actor: Principal, idOrCode: string, content: Partial<FormVersionContent> & { changeNote?: string }): Promise<EFormVersionView> {
    return this.em.fork().transactional(async (em) => {
      const form = await this.form(em, idOrCode);
      await assertActsForInstitutionCode(this.queries, actor, form.institutionCode);
      const versions = await em.find(EFormVersion, { formId: form.id }, { orderBy: { version: 'desc' } });
      if (versions.some((v) => v.status === 'draft')) throw conflict('INTAKE.DRAFT_EXISTS', 'Šai e-formai jau ir melnraksts', 'This e-form already has a draft');
      const latest = versions[0]!;
      const draft = latest.copyAsDraft(latest.version + 1, actor.subject, new Date(), content.changeNote);
      if (content.jsonSchema || content.uiSchema || content.labels || content.sensitiveFields) draft.updateDraft(content);
      em.persist(draft);
      await em.flush();
      return toVersionView(draft);
    });
  }

  async updateDraft(actor: Principal, idOrCode: string, version: number, changes: Partial<FormVersionContent> & { changeNote?: string }): Promise<EFormVersionView> {
    if (changes.jsonSchema) {
      const errors = this.validator.validateSchema(changes.jsonSchema);
      if (errors.length > 0) throw invalid('INTAKE.INVALID_FORM_SCHEMA', 'Nederīga e-formas shēma', 'Invalid e-form schema', errors);
    }
    return this.em.fork().transactional(async (em) => {
      const { form, version: v } = await this.formVersion(em, idOrCode, version);
      await assertActsForInstitutionCode(this.queries, actor, form.institutionCode);
      v.updateDraft(changes);
      this.validator.forget(v.id);
      await em.flush();
      return toVersionView(v);
    });
  }

  async preview(idOrCode: string, version: number, sample: unknown): Promise<FormValidationResult> {
    const { version: v } = await this.formVersion(this.em.fork(), idOrCode, version);
    return this.validator.previewWithSample(v, sample);
  }

  async publish(actor: Principal, idOrCode: string, version: number): Promise<EFormVersionView> {
    const view = await this.em.fork().transactional(async (em) => {
      const { form, version: draft } = await this.formVersion(em, idOrCode, version);
      await assertActsForInstitutionCode(this.queries, actor, form.institutionCode);
      const current = await em.findOne(EFormVersion, { formId: form.id, status: 'published' });
      publishReplacing(draft, current ?? undefined, new Date(), actor.subject, this.validator);
      await em.flush();
      const [{ n }] = await em.getConnection().execute<Array<{ n: string }>>(
        `select count(distinct form_id) as n from intake.e_form_version where status = 'published'`,
        [],
        'all',
        em.getTransactionContext(),
      );
      this.outbox.stage(
        em,
        integrationEvent(INTAKE_MODULE, IntakeEvents.EFormPublished, { formId: form.id, formCode: form.code, institutionCode: form.institutionCode, version: draft.version, publishedForms: Number(n) }, form.id),
      );
      await em.flush();
      return toVersionView(draft);
    });
    this.outbox.nudge();
    return view;
  }

  /**
   * published → retired: new applications can no longer use the version, existing ones keep it.
   * Idempotent (retiring a retired version returns it unchanged); a draft is a 409.
   */
  async retire(actor: Principal, idOrCode: string, version: number): Promise<EFormVersionView> {
    return this.em.fork().transactional(async (em) => {
      const { form, version: v } = await this.formVersion(em, idOrCode, version);
      await assertActsForInstitutionCode(this.queries, actor, form.institutionCode);
      if (v.status === 'retired') return toVersionView(v);
      v.retire(new Date());
      await em.flush();
      return toVersionView(v);
    });
  }

  async form(em: EntityManager, idOrCode: string): Promise<EFormDefinition> {
    const form = await em.findOne(EFormDefinition, isUuid(idOrCode) ? { id: idOrCode } : { code: idOrCode });
    if (!form) throw formNotFound();
    return form;
  }

  private async formVersion(em: EntityManager, idOrCode: string, version: number): Promise<{ form: EFormDefinition; version: EFormVersion }> {
    const form = await this.form(em, idOrCode);
    const v = await em.findOne(EFormVersion, { formId: form.id, version });
    if (!v) throw versionNotFound();
    return { form, version: v };
  }
}

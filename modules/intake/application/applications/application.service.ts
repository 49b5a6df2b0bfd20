import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { LatvianCalendar, defaultStateInstitutionSchedule, forbidden, integrationEvent, invalid, isUuid, notFound, validatePersonalCode, workingMillisBetween } from '@modules/shared-kernel';
import { GetCentreQuery, GetInstitutionQuery, GetServiceQuery } from '@modules/network';
import { GetVisitTicketQuery } from '@modules/scheduling';
import { renderApplicationPdf } from '../../domain/pdf/render-application-pdf';
import { AuditTrail } from '@infrastructure/audit/audit-trail.service';
import { AppConfig } from '@infrastructure/config/app-config';
import { Role, hasRole, type Principal } from '@infrastructure/auth/principal';
import { Outbox } from '@infrastructure/messaging/outbox';
import { Application, type Applicant } from '../../domain/application/application';
import { EFormDefinition, EFormVersion, defaultEFormValidator } from '../../domain/eform';
import { INTAKE_MODULE, IntakeEvents, type ApplicationClosedPayload, type ApplicationStatusChangedPayload, type ApplicationSubmittedPayload } from '../../contracts';
import { AttachmentContent } from '../../infrastructure/persistence';
import { detectAllowedType } from './attachment-type';
import { toApplicationView, type ApplicationStatusView, type ApplicationView } from './application-views';
import { applicationRef } from './application-ref';

export interface StartApplication {
  formCode?: string;
  serviceCode?: string;
  applicant: Applicant;
  data?: Record<string, unknown>;
  centreId: string;
  visitTicketId?: string;
}

const calendar = new LatvianCalendar();

const notFoundError = (): Error => notFound('INTAKE.APPLICATION_NOT_FOUND', 'Pieteikums nav atrasts', 'Application not found');

/** Applications: started and submitted by clerks for citizens, read by staff and the owning institution. */
@Injectable()
export class ApplicationService {
  private readonly validator = defaultEFormValidator();

  constructor(
    private readonly em: EntityManager,
    private readonly queries: QueryBus,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    private readonly config: AppConfig,
  ) {}

  async start(actor: Principal, input: StartApplication): Promise<ApplicationView> {
    if (!hasRole(actor, Role.Clerk) || !actor.centreIds.includes(input.centreId)) {
      throw forbidden('INTAKE.CENTRE_ACCESS_DENIED', 'Pieteikumu var sākt tikai savā centrā', 'You can start applications only in your centre');
    }
    const personal = validatePersonalCode(input.applicant?.personalCode ?? '');
    if (!personal.valid) {
      throw invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', [{ field: 'applicant.personalCode', code: personal.code, messageLv: 'Nederīgs personas kods', messageEn: 'Invalid personal code' }]);
    }
    if (input.visitTicketId) await this.assertVisitOfCentre(input.visitTicketId, input.centreId);
    const em = this.em.fork();
    const form = input.formCode
      ? await em.findOne(EFormDefinition, { code: input.formCode })
      : await em.findOne(EFormDefinition, { serviceCodes: { $contains: [input.serviceCode ?? ''] } });
    if (!form) throw notFound('INTAKE.FORM_NOT_FOUND', 'Šim pakalpojumam nav e-formas', 'No e-form for this service');
    const version = await em.findOne(EFormVersion, { formId: form.id, status: 'published' });
    if (!version) throw notFound('INTAKE.FORM_NOT_PUBLISHED', 'E-formai nav publicētas versijas', 'The e-form has no published version');
    const serviceCode = input.serviceCode && form.serviceCodes.includes(input.serviceCode) ? input.serviceCode : form.serviceCodes[0]!;
    const institution = await this.queries.execute(new GetInstitutionQuery(form.institutionCode));
    const app = Application.startDraft(
      {
        serviceCode,
        institutionCode: form.institutionCode,
        institutionId: institution?.id,
        formId: form.id,
        formVersionId: version.id,
        formVersion: version.version,
        applicant: { ...input.applicant, personalCode: personal.normalized },
        data: input.data,
        assistedBy: { clerkId: actor.subject, centreId: input.centreId },
        visitTicketId: input.visitTicketId,
      },
      new Date(),
      actor.subject,
    );
    await em.transactional(async (tx) => {
      tx.persist(app);
      await tx.flush();
      await this.audit.record(actor, { action: 'application.personal-data.write', resourceType: 'application', resourceId: app.id, details: { step: 'start' } }, tx);
    });
    return toApplicationView(app);
  }

  /** The linked visit must be a walk-in ticket of the same centre (asked through Scheduling's public query). */
  private async assertVisitOfCentre(ticketId: string, centreId: string): Promise<void> {
    const ticket = await this.queries.execute(new GetVisitTicketQuery(ticketId));
    if (ticket && ticket.centreId === centreId) return;
    throw invalid('INTAKE.VISIT_TICKET_INVALID', 'Apmeklējums nav atrasts šajā centrā', 'No such visit in this centre', [
      ticket
        ? { field: 'visitTicketId', code: 'other_centre', messageLv: 'Talons ir izsniegts citā centrā', messageEn: 'The ticket was issued in another centre' }
        : { field: 'visitTicketId', code: 'not_found', messageLv: 'Šāda talona nav', messageEn: 'No such ticket' },
    ]);
  }

  async updateDraft(actor: Principal, id: string, changes: { data?: Record<string, unknown>; applicant?: Applicant }): Promise<ApplicationView> {
    return this.em.fork().transactional(async (em) => {
      const app = await this.loadForStaff(em, actor, id);
      const now = new Date();
      if (changes.data) app.updateData(changes.data, now);
      if (changes.applicant) app.updateApplicant(changes.applicant, now);
      await em.flush();
      await this.audit.record(actor, { action: 'application.personal-data.write', resourceType: 'application', resourceId: app.id, details: { step: 'update' } }, em);
      return toApplicationView(app);
    });
  }

  /** Validates against the exact form version, records consent, and queues the hand-over. */
  async submit(actor: Principal, id: string, consentTextLv: string): Promise<ApplicationView> {
    const view = await this.em.fork().transactional(async (em) => {
      const app = await this.loadForStaff(em, actor, id);
      const version = await em.findOneOrFail(EFormVersion, { id: app.formVersionId });
      const result = this.validator.validate(version, app.data);
      if (!result.valid) throw invalid('INTAKE.FORM_DATA_INVALID', 'Pieteikuma dati neatbilst e-formai', 'The answers do not match the e-form', result.errors);
      const now = new Date();
      app.acceptConsent(consentTextLv, now);
      app.submit(now, actor.subject);
      app.queueForDelivery(now);
      await em.flush();
      const form = await em.findOneOrFail(EFormDefinition, { id: app.formId });
      const payload: ApplicationSubmittedPayload = {
        ...applicationRef(app, form.code),
        submittedAt: now.toISOString(),
        attachments: app.attachments.length,
        visitTicketId: app.visitTicketId ?? null,
      };
      this.outbox.stage(em, integrationEvent(INTAKE_MODULE, IntakeEvents.ApplicationSubmitted, payload, app.id, now));
      await em.flush();
      await this.audit.record(actor, { action: 'application.submit', resourceType: 'application', resourceId: app.id }, em);
      return toApplicationView(app);
    });
    this.outbox.nudge();
    return view;
  }

  /**
   * The citizen withdraws (through the clerk). Once submitted, the withdrawal is published in the
   * same transaction: ApplicationStatusChanged (→ withdrawn) and ApplicationClosed (finalStatus
   * withdrawn); from the former, the hand-over stops and an institution that may already have the
   * application is told (`application.withdrawn`, DeliveryService). A draft never left the centre.
   */
  async withdraw(actor: Principal, id: string, reason: string): Promise<ApplicationView> {
    const view = await this.em.fork().transactional(async (em) => {
      const app = await this.loadForStaff(em, actor, id);
      const from = app.status;
      const now = new Date();
      app.withdraw(now, actor.subject, reason);
      await em.flush();
      if (from !== 'draft') {
        const form = await em.findOneOrFail(EFormDefinition, { id: app.formId });
        const ref = applicationRef(app, form.code);
        const changed: ApplicationStatusChangedPayload = {
          ...ref,
          from,
          to: 'withdrawn',
          outcome: null,
          at: now.toISOString(),
          workingMsSinceDelivery: app.deliveredAt ? workingMillisBetween(new Date(app.deliveredAt), now, defaultStateInstitutionSchedule, calendar) : null,
        };
        const closed: ApplicationClosedPayload = { ...ref, outcome: null, closedAt: now.toISOString(), finalStatus: 'withdrawn' };
        this.outbox.stage(em, integrationEvent(INTAKE_MODULE, IntakeEvents.ApplicationStatusChanged, changed, app.id, now), integrationEvent(INTAKE_MODULE, IntakeEvents.ApplicationClosed, closed, app.id, now));
        await em.flush();
      }
      await this.audit.record(actor, { action: 'application.withdraw', resourceType: 'application', resourceId: app.id }, em);
      return toApplicationView(app);
    });
    this.outbox.nudge();
    return view;
  }

  async addAttachment(actor: Principal, id: string, file: { fileName: string; bytes: Buffer }): Promise<ApplicationView> {
    if (file.bytes.length > this.config.ATTACHMENT_MAX_BYTES) {
      throw invalid('INTAKE.ATTACHMENT_TOO_LARGE', 'Pielikums ir pārāk liels', 'The attachment is too large', [
        { field: 'file', code: 'too_large', messageLv: `Ne vairāk kā ${this.config.ATTACHMENT_MAX_BYTES} baitu`, messageEn: `At most ${this.config.ATTACHMENT_MAX_BYTES} bytes` },
      ]);
    }
    const contentType = await detectAllowedType(file.bytes, file.fileName);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    return this.em.fork().transactional(async (em) => {
      const app = await this.loadForStaff(em, actor, id);
      const attachment = app.addAttachment({ fileName: file.fileName, contentType, size: file.bytes.length, sha256 }, new Date());
      em.persist(Object.assign(new AttachmentContent(), { id: attachment.id, applicationId: app.id, content: file.bytes }));
      await em.flush();
      return toApplicationView(app);
    });
  }

  /** Staff of the assisting centre, administrators, auditors, and the owning institution (audited). */
  async read(actor: Principal, id: string, purpose = 'view'): Promise<ApplicationView> {
    const em = this.em.fork();
    const app = await this.find(em, id);
    await this.assertMayRead(actor, app);
    await this.audit.record(actor, { action: 'application.personal-data.read', resourceType: 'application', resourceId: app.id, purpose });
    return toApplicationView(app);
  }

  async attachment(actor: Principal, id: string, attachmentId: string): Promise<{ fileName: string; contentType: string; bytes: Buffer; sha256: string }> {
    const em = this.em.fork();
    const app = await this.find(em, id);
    await this.assertMayRead(actor, app);
    const meta = app.attachments.find((a) => a.id === attachmentId);
    const content = meta ? await em.findOne(AttachmentContent, { id: attachmentId, applicationId: app.id }, { populate: ['content'] }) : null;
    if (!meta || !content) throw notFound('INTAKE.ATTACHMENT_NOT_FOUND', 'Pielikums nav atrasts', 'Attachment not found');
    await this.audit.record(actor, { action: 'application.attachment.read', resourceType: 'application', resourceId: app.id, details: { attachmentId } });
    return { fileName: meta.fileName, contentType: meta.contentType, bytes: Buffer.from(content.content), sha256: meta.sha256 };
  }

  /** The citizen's view by reference: status and decision only. */
  async statusByReference(reference: string): Promise<ApplicationStatusView> {
    const app = await this.em.fork().findOne(Application, { reference });
    if (!app) throw notFoundError();
    return {
      reference: app.reference,
      status: app.status,
      serviceCode: app.serviceCode,
      institutionCode: app.institutionCode,
      history: app.history.map((h) => ({ at: new Date(h.at).toISOString(), to: h.to })),
      decision: app.decision ?? null,
    };
  }

  async find(em: EntityManager, id: string): Promise<Application> {
    const app = isUuid(id) ? await em.findOne(Application, { id }) : null;
    if (!app) throw notFoundError();
    return app;
  }

  private async loadForStaff(em: EntityManager, actor: Principal, id: string): Promise<Application> {
    const app = await this.find(em, id);
    if (!(hasRole(actor, Role.Clerk) && app.assistedBy && actor.centreIds.includes(app.assistedBy.centreId))) {
      throw forbidden('INTAKE.APPLICATION_ACCESS_DENIED', 'Jums nav piekļuves šim pieteikumam', 'You have no access to this application');
    }
    return app;
  }

  async assertMayRead(actor: Principal, app: Application): Promise<void> {
    if (hasRole(actor, Role.NetworkAdmin, Role.Auditor)) return;
    if (hasRole(actor, Role.Clerk) && app.assistedBy && actor.centreIds.includes(app.assistedBy.centreId)) return;
    if (hasRole(actor, Role.InstitutionSpecialist, Role.InstitutionIntegration) && actor.institutionId && actor.institutionId === app.institutionId && app.status !== 'draft') return;
    throw forbidden('INTAKE.APPLICATION_ACCESS_DENIED', 'Jums nav piekļuves šim pieteikumam', 'You have no access to this application');
  }

  /** The filled form as a printable PDF (Latvian), for the citizen's signature. */
  async pdf(actor: Principal, id: string, lang: 'lv' | 'en'): Promise<{ reference: string; bytes: Buffer }> {
    const em = this.em.fork();
    const app = await this.find(em, id);
    await this.assertMayRead(actor, app);
    const [form, version] = await Promise.all([em.findOneOrFail(EFormDefinition, { id: app.formId }), em.findOneOrFail(EFormVersion, { id: app.formVersionId })]);
    const centre = app.assistedBy ? await this.queries.execute(new GetCentreQuery(app.assistedBy.centreId)) : null;
    await this.audit.record(actor, { action: 'application.personal-data.read', resourceType: 'application', resourceId: app.id, purpose: 'print' });
    const bytes = await renderApplicationPdf({
      version,
      formTitle: lang === 'en' ? form.titleEn : form.titleLv,
      data: app.data,
      reference: app.reference,
      applicantName: app.applicant?.name ?? '',
      applicantPersonalCode: app.applicant?.personalCode,
      centreName: centre?.nameLv ?? '',
      submittedAt: app.submittedAt ?? app.createdAt,
      lang,
      consentText: app.consent?.textLv,
    });
    return { reference: app.reference, bytes };
  }

  async serviceOf(code: string): Promise<unknown> {
    return this.queries.execute(new GetServiceQuery(code));
  }
}

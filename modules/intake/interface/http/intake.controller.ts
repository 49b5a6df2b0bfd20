import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Patch, Post, Put, Query, Req, Res, type RawBodyRequest } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { DomainError, invalid } from '@modules/shared-kernel';
import { Public, Roles } from '@infrastructure/auth/access.decorator';
import { CurrentPrincipal } from '@infrastructure/auth/current-principal.decorator';
import { Role, type Principal } from '@infrastructure/auth/principal';
import { EFormService } from '../../application/eforms/eform.service';
import type { EFormVersionView, EFormView } from '../../application/eforms/eform-views';
import { ApplicationService } from '../../application/applications/application.service';
import type { ApplicationStatusView, ApplicationView } from '../../application/applications/application-views';
import { InboxService, type InboxItem } from '../../application/delivery/inbox.service';
import { StatusEventService } from '../../application/delivery/status-event.service';
import type { FormValidationResult } from '../../domain/eform';
import { CreateFormDto, FormFilterDto, InboxQueryDto, PdfQueryDto, SampleDto, StartApplicationDto, StatusEventDto, SubmitDto, UpdateApplicationDto, UpdateDraftDto, WithdrawDto } from './intake.dto';

const STAFF = [Role.NetworkAdmin, Role.MunicipalityCoordinator, Role.Clerk, Role.InstitutionSpecialist, Role.Auditor];
const version = new ParseIntPipe({ exceptionFactory: () => invalid('REQUEST.INVALID', 'Nederīga versija', 'Invalid version') });

@ApiTags('intake')
@Controller('api/v1/intake')
export class IntakeController {
  constructor(
    private readonly forms: EFormService,
    private readonly applications: ApplicationService,
    private readonly inbox: InboxService,
    private readonly statusEvents: StatusEventService,
  ) {}

  // ---- e-forms ---------------------------------------------------------------------------------

  @Get('forms')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Institution e-forms (with the published version)' })
  listForms(@Query() q: FormFilterDto): Promise<EFormView[]> {
    return this.forms.list(q);
  }

  @Get('forms/:id')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'One e-form by id or code' })
  form(@Param('id') id: string): Promise<EFormView> {
    return this.forms.get(id);
  }

  @Get('forms/:id/versions/:version')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'One version of an e-form' })
  formVersion(@Param('id') id: string, @Param('version', version) v: number): Promise<EFormVersionView> {
    return this.forms.version(id, v);
  }

  @Post('forms')
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Create an e-form with its first draft version (institution’s own forms)' })
  createForm(@CurrentPrincipal() a: Principal, @Body() dto: CreateFormDto): Promise<EFormView> {
    return this.forms.create(a, dto as never);
  }

  @Post('forms/:id/versions')
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Start a new draft version (a copy of the latest, optionally changed)' })
  newDraft(@CurrentPrincipal() a: Principal, @Param('id') id: string, @Body() dto: UpdateDraftDto): Promise<EFormVersionView> {
    return this.forms.newDraft(a, id, dto as never);
  }

  @Put('forms/:id/versions/:version')
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Change a draft (published versions never change)' })
  updateDraft(@CurrentPrincipal() a: Principal, @Param('id') id: string, @Param('version', version) v: number, @Body() dto: UpdateDraftDto): Promise<EFormVersionView> {
    return this.forms.updateDraft(a, id, v, dto as never);
  }

  @Post('forms/:id/versions/:version/validate')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Validate sample answers against a version (preview)' })
  preview(@Param('id') id: string, @Param('version', version) v: number, @Body() dto: SampleDto): Promise<FormValidationResult> {
    return this.forms.preview(id, v, dto.data);
  }

  @Post('forms/:id/versions/:version/publish')
  @HttpCode(200)
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Publish a draft (the previous published version is retired)' })
  publish(@CurrentPrincipal() a: Principal, @Param('id') id: string, @Param('version', version) v: number): Promise<EFormVersionView> {
    return this.forms.publish(a, id, v);
  }

  @Post('forms/:id/versions/:version/retire')
  @HttpCode(200)
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Retire a published version: not offered for new applications, existing ones keep it (idempotent; 409 for a draft)' })
  retire(@CurrentPrincipal() a: Principal, @Param('id') id: string, @Param('version', version) v: number): Promise<EFormVersionView> {
    return this.forms.retire(a, id, v);
  }

  // ---- applications ----------------------------------------------------------------------------

  @Post('applications')
  @Roles(Role.Clerk)
  @ApiOperation({ summary: 'Start an application for a citizen (draft), against the service’s published e-form' })
  start(@CurrentPrincipal() a: Principal, @Body() dto: StartApplicationDto): Promise<ApplicationView> {
    return this.applications.start(a, dto);
  }

  @Get('applications/:id')
  @Roles(Role.Clerk, Role.NetworkAdmin, Role.Auditor, Role.InstitutionSpecialist, Role.InstitutionIntegration)
  @ApiOperation({ summary: 'An application with personal data (the read is audited)' })
  read(@CurrentPrincipal() a: Principal, @Param('id') id: string): Promise<ApplicationView> {
    return this.applications.read(a, id);
  }

  @Patch('applications/:id')
  @Roles(Role.Clerk)
  @ApiOperation({ summary: 'Change a draft’s answers or applicant' })
  update(@CurrentPrincipal() a: Principal, @Param('id') id: string, @Body() dto: UpdateApplicationDto): Promise<ApplicationView> {
    return this.applications.updateDraft(a, id, dto);
  }

  @Post('applications/:id/submit')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiOperation({ summary: 'Validate against the form version, record consent, queue for delivery to the institution' })
  submit(@CurrentPrincipal() a: Principal, @Param('id') id: string, @Body() dto: SubmitDto): Promise<ApplicationView> {
    return this.applications.submit(a, id, dto.consentTextLv);
  }

  @Post('applications/:id/withdraw')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiOperation({ summary: 'The citizen withdraws the application' })
  withdraw(@CurrentPrincipal() a: Principal, @Param('id') id: string, @Body() dto: WithdrawDto): Promise<ApplicationView> {
    return this.applications.withdraw(a, id, dto.reason);
  }

  @Post('applications/:id/attachments')
  @Roles(Role.Clerk)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Attach a scanned document (PDF, JPEG, PNG, TIFF; type detected from content)' })
  async attach(@CurrentPrincipal() a: Principal, @Param('id') id: string, @Req() req: FastifyRequest): Promise<ApplicationView> {
    if (!req.isMultipart()) throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'validation', { lv: 'Sūtiet failu kā multipart/form-data', en: 'Send the file as multipart/form-data' });
    let file;
    try {
      file = await req.file();
    } catch {
      throw new DomainError('REQUEST.INVALID', 'validation', { lv: 'Nederīgs fails', en: 'Invalid upload' });
    }
    if (!file) throw invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', [{ field: 'file', code: 'required', messageLv: 'Pievienojiet failu', messageEn: 'Attach a file' }]);
    let bytes: Buffer;
    try {
      bytes = await file.toBuffer();
    } catch {
      throw new DomainError('INTAKE.ATTACHMENT_TOO_LARGE', 'validation', { lv: 'Pielikums ir pārāk liels', en: 'The attachment is too large' }, [
        { field: 'file', code: 'too_large', messageLv: 'Fails ir pārāk liels', messageEn: 'The file is too large' },
      ]);
    }
    return this.applications.addAttachment(a, id, { fileName: file.filename.slice(0, 200), bytes });
  }

  @Get('applications/:id/attachments/:attachmentId')
  @Roles(Role.Clerk, Role.NetworkAdmin, Role.Auditor, Role.InstitutionSpecialist, Role.InstitutionIntegration)
  @ApiOperation({ summary: 'Download an attachment (the owning institution, the assisting centre)' })
  async download(@CurrentPrincipal() a: Principal, @Param('id') id: string, @Param('attachmentId') attachmentId: string, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.applications.attachment(a, id, attachmentId);
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"`)
      .header('x-content-sha256', file.sha256)
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes);
  }

  @Get('applications/:id/pdf')
  @Roles(Role.Clerk, Role.NetworkAdmin, Role.Auditor, Role.InstitutionSpecialist, Role.InstitutionIntegration)
  @ApiOperation({ summary: 'The filled e-form as a PDF with a signature line (the paper application)' })
  async pdf(@CurrentPrincipal() a: Principal, @Param('id') id: string, @Query() q: PdfQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const { reference, bytes } = await this.applications.pdf(a, id, q.lang ?? 'lv');
    void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${reference}.pdf"`).send(bytes);
  }

  @Get('status/:reference')
  @Public()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The citizen’s status page by the application reference (no personal data)' })
  status(@Param('reference') reference: string): Promise<ApplicationStatusView> {
    return this.applications.statusByReference(reference.toUpperCase());
  }

  // ---- institution side ------------------------------------------------------------------------

  @Get('inbox')
  @Roles(Role.InstitutionIntegration, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'New applications for your institution (pull); each is leased until acknowledged' })
  fetchInbox(@CurrentPrincipal() a: Principal, @Query() q: InboxQueryDto): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
    return this.inbox.fetch(a, q.limit ?? 20, q.cursor);
  }

  @Post('inbox/:applicationId/ack')
  @HttpCode(200)
  @Roles(Role.InstitutionIntegration, Role.InstitutionSpecialist)
  @ApiOperation({ summary: "Acknowledge an inbox item: by its deliveryId (any item, withdrawal notices too) or by the application's id (the application itself)" })
  ack(@CurrentPrincipal() a: Principal, @Param('applicationId') applicationId: string): Promise<{ applicationId: string; deliveryId: string; type: string; status: 'delivered' }> {
    return this.inbox.ack(a, applicationId);
  }

  @Post('applications/:id/status-events')
  @HttpCode(200)
  @Roles(Role.InstitutionIntegration, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'The institution reports progress (idempotent by eventId, out-of-order safe; machines sign with Standard Webhooks)' })
  statusEvent(
    @CurrentPrincipal() a: Principal,
    @Param('id') id: string,
    @Body() dto: StatusEventDto,
    @Req() req: RawBodyRequest<FastifyRequest>,
  ): Promise<{ result: string; status: string }> {
    const headers = req.headers as Record<string, string | undefined>;
    return this.statusEvents.receive(a, id, dto, req.rawBody?.toString('utf8') ?? JSON.stringify(req.body), headers);
  }
}

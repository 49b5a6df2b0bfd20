import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, invalid, notFound } from '@modules/shared-kernel';
import { Roles } from '@infrastructure/auth/access.decorator';
import { CurrentPrincipal } from '@infrastructure/auth/current-principal.decorator';
import { Role, type Principal } from '@infrastructure/auth/principal';
import { ApiKeyService, type ApiKeyView, type IssuedApiKey } from '@infrastructure/auth/api-key.service';
import { GetInstitutionQuery, type InstitutionView, type ServiceView } from '../../contracts';
import {
  ImportServicesCommand,
  PublishServiceGuideCommand,
  RecordCooperationAgreementCommand,
  RegisterInstitutionCommand,
  RegisterServiceCommand,
  type AgreementView,
  type ImportServicesResult,
} from '../../application/commands/catalogue/catalogue-commands';
import { GetServiceGuideQuery, ListServiceGuideVersionsQuery, SearchKnowledgeBaseQuery, type GuideView, type KnowledgeSearchHit } from '../../application/queries/catalogue-queries';
import { ListCooperationAgreementsQuery } from '../../application/queries/centre-internal-queries';
import { AgreementFilterDto, GuideQueryDto, IssueApiKeyDto, KnowledgeSearchDto, PublishGuideDto, RecordAgreementDto, RegisterInstitutionDto, RegisterServiceDto } from './network.dto';

const STAFF = [Role.NetworkAdmin, Role.MunicipalityCoordinator, Role.Clerk, Role.InstitutionSpecialist, Role.Auditor];

@ApiTags('network (catalogue)')
@Controller('api/v1/network')
export class CatalogueAdminController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly apiKeys: ApiKeyService,
  ) {}

  @Post('institutions')
  @Roles(Role.NetworkAdmin)
  @ApiOperation({ summary: 'Register a service holder' })
  registerInstitution(@CurrentPrincipal() actor: Principal, @Body() dto: RegisterInstitutionDto): Promise<InstitutionView> {
    return this.commands.execute(new RegisterInstitutionCommand(actor, dto.code, dto.nameLv, dto.nameEn, dto.regNo, dto.videoConsultations ?? false));
  }

  @Post('services')
  @Roles(Role.NetworkAdmin)
  @ApiOperation({ summary: 'Add a service to the catalogue' })
  registerService(@CurrentPrincipal() actor: Principal, @Body() dto: RegisterServiceDto): Promise<ServiceView> {
    return this.commands.execute(
      new RegisterServiceCommand(actor, { ...dto, latvijaGovLvId: dto.latvijaGovLvId ?? null, citizenIdentity: dto.citizenIdentity ?? false, descriptionLv: dto.descriptionLv ?? null, descriptionEn: dto.descriptionEn ?? null }),
    );
  }

  @Post('services/import')
  @HttpCode(200)
  @Roles(Role.NetworkAdmin)
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'CSV: code,institution_code,latvija_gov_lv_id,name_lv,name_en,channels,default_duration_min,description_lv,description_en' })
  @ApiOperation({ summary: 'Import the official service list (upsert by code; all rows or none)' })
  importServices(@CurrentPrincipal() actor: Principal, @Body() csv: unknown): Promise<ImportServicesResult> {
    if (typeof csv !== 'string') throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'validation', { lv: 'Sūtiet CSV failu (text/csv)', en: 'Send a CSV file (text/csv)' });
    return this.commands.execute(new ImportServicesCommand(actor, csv));
  }

  @Get('knowledge-base')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Search the clerks’ guides (Latvian, unaccented and stemmed: "deklarācija" finds "deklarāciju")' })
  search(@Query() dto: KnowledgeSearchDto): Promise<KnowledgeSearchHit[]> {
    return this.queries.execute(new SearchKnowledgeBaseQuery(dto.q, dto.limit ?? 20));
  }

  @Get('services/:id/guide')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The current (or a given) version of a service’s guide' })
  guide(@Param('id') id: string, @Query() dto: GuideQueryDto): Promise<GuideView> {
    return this.queries.execute(new GetServiceGuideQuery(id, dto.version));
  }

  @Get('services/:id/guide/versions')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'All versions of a service’s guide' })
  guideVersions(@Param('id') id: string): Promise<unknown[]> {
    return this.queries.execute(new ListServiceGuideVersionsQuery(id));
  }

  @Put('services/:id/guide')
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Publish a new version of the guide (institution’s own services only)' })
  publishGuide(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: PublishGuideDto): Promise<GuideView> {
    return this.commands.execute(new PublishServiceGuideCommand(actor, id, { ...dto.content, latvijaGovLvUrl: dto.content.latvijaGovLvUrl ?? null }, dto.changeNote, dto.baseVersion));
  }

  @Get('cooperation-agreements')
  @Roles(Role.NetworkAdmin, Role.MunicipalityCoordinator, Role.Auditor)
  @ApiOperation({ summary: 'Cooperation agreements with municipalities (a coordinator sees their own)' })
  agreements(@CurrentPrincipal() actor: Principal, @Query() dto: AgreementFilterDto): Promise<AgreementView[]> {
    return this.queries.execute(new ListCooperationAgreementsQuery(actor, dto.municipality));
  }

  @Post('cooperation-agreements')
  @Roles(Role.NetworkAdmin)
  @ApiOperation({ summary: 'Record a signed cooperation agreement' })
  recordAgreement(@CurrentPrincipal() actor: Principal, @Body() dto: RecordAgreementDto): Promise<AgreementView> {
    return this.commands.execute(new RecordCooperationAgreementCommand(actor, dto.municipalityAtvk, dto.number, dto.signedOn, dto.validFrom, dto.validTo, dto.coFinancingShare));
  }

  @Post('institutions/:id/api-keys')
  @Roles(Role.NetworkAdmin)
  @ApiOperation({ summary: 'Issue an API key for the institution’s back-office system (shown once)' })
  async issueKey(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: IssueApiKeyDto): Promise<IssuedApiKey> {
    const institution = await this.institution(id);
    return this.apiKeys.issue('institution', institution.id, dto.name, actor.subject);
  }

  @Get('institutions/:id/api-keys')
  @Roles(Role.NetworkAdmin)
  @ApiOperation({ summary: 'The institution’s API keys (never the secret)' })
  async listKeys(@Param('id') id: string): Promise<ApiKeyView[]> {
    const institution = await this.institution(id);
    return this.apiKeys.list('institution', institution.id);
  }

  @Delete('institutions/:id/api-keys/:keyId')
  @HttpCode(204)
  @Roles(Role.NetworkAdmin)
  @ApiOperation({ summary: 'Revoke an API key' })
  async revokeKey(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Param('keyId') keyId: string): Promise<void> {
    const institution = await this.institution(id);
    if (!/^[0-9a-f-]{36}$/i.test(keyId)) throw invalid('REQUEST.INVALID', 'Nederīgs identifikators', 'Invalid identifier');
    const revoked = await this.apiKeys.revoke(keyId, 'institution', institution.id, actor.subject);
    if (!revoked) throw notFound('AUTH.API_KEY_NOT_FOUND', 'Aktīva atslēga nav atrasta', 'No such active key');
  }

  private async institution(id: string): Promise<InstitutionView> {
    const view = await this.queries.execute(new GetInstitutionQuery(id));
    if (!view) throw notFound('NETWORK.INSTITUTION_NOT_FOUND', 'Iestāde nav atrasta', 'Institution not found');
    return view;
  }
}

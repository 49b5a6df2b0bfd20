import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { conflict, integrationEvent, invalid, validateCompanyRegistrationNumber } from '@modules/shared-kernel';
import { Outbox } from '@infrastructure/messaging/outbox';
import { NETWORK_MODULE, NetworkEvents, type InstitutionView, type ServiceCatalogueChangedPayload, type ServiceView } from '../../../contracts';
import { Institution, Service, guideSearchTokens } from '../../../domain/catalogue';
import { CooperationAgreement, Municipality } from '../../../domain/municipality';
import { KnowledgeArticleRow } from '../../../infrastructure/persistence';
import { toInstitutionView, toServiceView } from '../../mappers';
import { assertActsForInstitution, assertCanManageCentre } from '../../network-access';
import { loadService } from '../../queries/catalogue-query.handlers';
import type { GuideView } from '../../queries/catalogue-queries';
import { parseServicesCsv, type ServiceCsvRow } from '../import-services/parse-services-csv';
import {
  ImportServicesCommand,
  PublishServiceGuideCommand,
  RecordCooperationAgreementCommand,
  RegisterInstitutionCommand,
  RegisterServiceCommand,
  type AgreementView,
  type ImportServicesResult,
} from './catalogue-commands';

const catalogueChanged = (payload: ServiceCatalogueChangedPayload) => integrationEvent(NETWORK_MODULE, NetworkEvents.ServiceCatalogueChanged, payload);

@CommandHandler(RegisterInstitutionCommand)
export class RegisterInstitutionHandler implements ICommandHandler<RegisterInstitutionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  async execute(cmd: RegisterInstitutionCommand): Promise<InstitutionView> {
    if (cmd.regNo !== undefined && !validateCompanyRegistrationNumber(cmd.regNo).valid) {
      throw invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', [
        { field: 'regNo', code: 'REG_NO.INVALID', messageLv: 'Nederīgs reģistrācijas numurs', messageEn: 'Invalid registration number' },
      ]);
    }
    const view = await this.em.fork().transactional(async (em) => {
      if (await em.count(Institution, { code: cmd.code })) {
        throw conflict('NETWORK.INSTITUTION_CODE_TAKEN', 'Iestāde ar šādu kodu jau ir', 'An institution with this code exists');
      }
      const institution = Object.assign(new Institution(), {
        code: cmd.code,
        nameLv: cmd.nameLv,
        nameEn: cmd.nameEn,
        regNo: cmd.regNo,
        videoConsultations: cmd.videoConsultations,
      });
      em.persist(institution);
      this.outbox.stage(em, catalogueChanged({ change: 'institution_registered', institutionIds: [institution.id], serviceIds: [] }));
      await em.flush();
      return toInstitutionView(institution, 0);
    });
    this.outbox.nudge();
    return view;
  }
}

/** Creates or updates services by code; returns what changed. Used by the single and the CSV route. */
async function upsertServices(em: EntityManager, rows: ServiceCsvRow[]): Promise<{ result: ImportServicesResult; changed: Service[]; institutionIds: Set<string> }> {
  const institutions = await em.find(Institution, { code: { $in: [...new Set(rows.map((r) => r.institutionCode))] } });
  const byCode = new Map(institutions.map((i) => [i.code, i]));
  const unknown = rows.filter((r) => !byCode.has(r.institutionCode));
  if (unknown.length > 0) {
    throw invalid(
      'NETWORK.UNKNOWN_INSTITUTION',
      'Nezināma iestāde',
      'Unknown institution',
      unknown.map((r) => ({ field: `${r.code}.institution_code`, code: 'unknown', messageLv: `Nav iestādes ${r.institutionCode}`, messageEn: `No institution ${r.institutionCode}` })),
    );
  }
  const existing = new Map((await em.find(Service, { code: { $in: rows.map((r) => r.code) } })).map((s) => [s.code, s]));
  const result: ImportServicesResult = { created: 0, updated: 0, unchanged: 0 };
  const changed: Service[] = [];
  const institutionIds = new Set<string>();
  for (const row of rows) {
    const fields = {
      institutionId: byCode.get(row.institutionCode)!.id,
      latvijaGovLvId: row.latvijaGovLvId ?? undefined,
      nameLv: row.nameLv,
      nameEn: row.nameEn,
      channels: row.channels,
      defaultDurationMin: row.defaultDurationMin,
      citizenIdentity: row.citizenIdentity,
      descriptionLv: row.descriptionLv ?? undefined,
      descriptionEn: row.descriptionEn ?? undefined,
    };
    const current = existing.get(row.code);
    if (!current) {
      const service = Object.assign(new Service(), { code: row.code, ...fields });
      em.persist(service);
      changed.push(service);
      result.created++;
    } else if (Object.entries(fields).some(([k, v]) => (current as unknown as Record<string, unknown>)[k] !== v && !(v === undefined && (current as unknown as Record<string, unknown>)[k] == null))) {
      Object.assign(current, fields, { updatedAt: new Date(), active: true });
      changed.push(current);
      result.updated++;
    } else {
      result.unchanged++;
      continue;
    }
    institutionIds.add(fields.institutionId);
  }
  return { result, changed, institutionIds };
}

@CommandHandler(RegisterServiceCommand)
export class RegisterServiceHandler implements ICommandHandler<RegisterServiceCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  async execute(cmd: RegisterServiceCommand): Promise<ServiceView> {
    const view = await this.em.fork().transactional(async (em) => {
      if (await em.count(Service, { code: cmd.details.code })) {
        throw conflict('NETWORK.SERVICE_CODE_TAKEN', 'Pakalpojums ar šādu kodu jau ir', 'A service with this code exists');
      }
      const { changed } = await upsertServices(em, [cmd.details]);
      const service = changed[0]!;
      this.outbox.stage(em, catalogueChanged({ change: 'service_registered', institutionIds: [service.institutionId], serviceIds: [service.id] }));
      await em.flush();
      return toServiceView(service, cmd.details.institutionCode);
    });
    this.outbox.nudge();
    return view;
  }
}

@CommandHandler(ImportServicesCommand)
export class ImportServicesHandler implements ICommandHandler<ImportServicesCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  async execute(cmd: ImportServicesCommand): Promise<ImportServicesResult> {
    const { rows, errors } = parseServicesCsv(cmd.csv);
    if (errors.length > 0) throw invalid('NETWORK.INVALID_SERVICE_CSV', 'Pakalpojumu saraksts satur kļūdas; nekas netika mainīts', 'The service list has errors; nothing was changed', errors);
    if (rows.length === 0) throw invalid('NETWORK.EMPTY_SERVICE_CSV', 'Sarakstā nav neviena pakalpojuma', 'The list contains no services');
    const result = await this.em.fork().transactional(async (em) => {
      const { result, changed, institutionIds } = await upsertServices(em, rows);
      if (changed.length > 0) {
        this.outbox.stage(em, catalogueChanged({ change: 'services_imported', institutionIds: [...institutionIds], serviceIds: changed.map((s) => s.id) }));
      }
      await em.flush();
      return result;
    });
    this.outbox.nudge();
    return result;
  }
}

@CommandHandler(PublishServiceGuideCommand)
export class PublishServiceGuideHandler implements ICommandHandler<PublishServiceGuideCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  async execute(cmd: PublishServiceGuideCommand): Promise<GuideView> {
    const view = await this.em.fork().transactional(async (em) => {
      const service = await loadService(em, cmd.serviceIdOrCode);
      assertActsForInstitution(cmd.actor, service.institutionId);
      // Serialise publishers of one service so versions stay gapless.
      await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`guide:${service.id}`], 'all', em.getTransactionContext());
      const current = await em.findOne(KnowledgeArticleRow, { serviceId: service.id, current: true });
      if (cmd.baseVersion !== undefined && current && current.version !== cmd.baseVersion) {
        throw conflict('NETWORK.GUIDE_VERSION_CONFLICT', 'Kāds cits jau publicēja jaunāku versiju', 'Someone else already published a newer version', { currentVersion: current.version });
      }
      if (current) {
        current.current = false;
        await em.flush();
      }
      const article = Object.assign(new KnowledgeArticleRow(), {
        serviceId: service.id,
        version: (current?.version ?? 0) + 1,
        content: cmd.content,
        current: true,
        authorId: cmd.actor.subject,
        changeNote: cmd.changeNote,
        searchTokens: guideSearchTokens(cmd.content, service.nameLv),
      });
      em.persist(article);
      this.outbox.stage(em, catalogueChanged({ change: 'guide_published', institutionIds: [service.institutionId], serviceIds: [service.id] }));
      await em.flush();
      return {
        serviceId: service.id,
        serviceCode: service.code,
        version: article.version,
        content: article.content,
        authorId: article.authorId,
        changeNote: article.changeNote ?? null,
        publishedAt: article.createdAt.toISOString(),
      };
    });
    this.outbox.nudge();
    return view;
  }
}

export const toAgreementView = (a: CooperationAgreement, today = new Date().toISOString().slice(0, 10)): AgreementView => ({
  id: a.id,
  municipalityAtvk: a.municipalityAtvk,
  number: a.number,
  signedOn: a.signedOn,
  validFrom: a.validFrom,
  validTo: a.validTo ?? null,
  coFinancingShare: a.coFinancingShare,
  validToday: a.isValidOn(today),
});

@CommandHandler(RecordCooperationAgreementCommand)
export class RecordCooperationAgreementHandler implements ICommandHandler<RecordCooperationAgreementCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute(cmd: RecordCooperationAgreementCommand): Promise<AgreementView> {
    assertCanManageCentre(cmd.actor, cmd.municipalityAtvk);
    if (cmd.validTo && cmd.validTo < cmd.validFrom) {
      throw invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', [
        { field: 'validTo', code: 'before_valid_from', messageLv: 'Beigu datums ir pirms sākuma', messageEn: 'Ends before it starts' },
      ]);
    }
    return this.em.fork().transactional(async (em) => {
      if (!(await em.count(Municipality, { atvk: cmd.municipalityAtvk }))) {
        throw invalid('NETWORK.UNKNOWN_MUNICIPALITY', 'Nezināma pašvaldība', 'Unknown municipality');
      }
      if (await em.count(CooperationAgreement, { number: cmd.number })) {
        throw conflict('NETWORK.AGREEMENT_NUMBER_TAKEN', 'Līgums ar šādu numuru jau ir reģistrēts', 'An agreement with this number is already recorded');
      }
      const agreement = Object.assign(new CooperationAgreement(), {
        municipalityAtvk: cmd.municipalityAtvk,
        number: cmd.number,
        signedOn: cmd.signedOn,
        validFrom: cmd.validFrom,
        validTo: cmd.validTo,
        coFinancingShare: cmd.coFinancingShare,
      });
      em.persist(agreement);
      await em.flush();
      return toAgreementView(agreement);
    });
  }
}

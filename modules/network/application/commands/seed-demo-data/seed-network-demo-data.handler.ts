import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { integrationEvent } from '@modules/shared-kernel';
import { Outbox } from '@infrastructure/messaging/outbox';
import { NETWORK_MODULE, NetworkEvents, SeedNetworkDemoDataCommand, type CentreRegisteredPayload } from '../../../contracts';
import { Centre, VideoBooth } from '../../../domain/centre';
import { CooperationAgreement, Municipality } from '../../../domain/municipality';
import { Institution, Service, guideSearchTokens } from '../../../domain/catalogue';
import { readDemoData } from '../../../infrastructure/seed/demo-data-files';
import { KnowledgeArticleRow } from '../../../infrastructure/persistence';
import { parseServicesCsv } from '../import-services/parse-services-csv';

/** Loads the demo network from the files in the repo, once, into an empty database. */
@CommandHandler(SeedNetworkDemoDataCommand)
export class SeedNetworkDemoDataHandler implements ICommandHandler<SeedNetworkDemoDataCommand> {
  private readonly logger = new Logger(SeedNetworkDemoDataHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  async execute(): Promise<{ seeded: boolean }> {
    const data = readDemoData();
    const seeded = await this.em.fork().transactional(async (em) => {
      // One seeder at a time, even with several instances starting together.
      await em.getConnection().execute('select pg_advisory_xact_lock(20261128)', [], 'all', em.getTransactionContext());
      if ((await em.count(Municipality, {})) > 0) return false;

      for (const m of data.municipalities) {
        em.persist(
          Object.assign(new Municipality(), {
            atvk: m.atvk,
            type: m.type,
            nameLv: m.name_lv,
            nameEn: m.name_en,
            iso3166_2: m.iso3166_2,
            varCode: m.var_kods,
            planningRegion: m.planning_region,
            hasVpvkac: m.has_vpvkac === 'true',
          }),
        );
      }
      const institutions = new Map<string, Institution>();
      for (const i of data.institutions) {
        const institution = Object.assign(new Institution(), {
          code: i.code,
          nameLv: i.name_lv,
          nameEn: i.name_en,
          regNo: i.reg_no || undefined,
          videoConsultations: i.video_consultations === 'true',
        });
        institutions.set(i.code, institution);
        em.persist(institution);
      }
      const parsed = parseServicesCsv(data.servicesCsv);
      if (parsed.errors.length > 0) throw new Error(`services.csv: ${parsed.errors.map((e) => `${e.field} ${e.messageEn}`).join('; ')}`);
      const services = new Map<string, Service>();
      for (const row of parsed.rows) {
        const institution = institutions.get(row.institutionCode);
        if (!institution) throw new Error(`services.csv: unknown institution ${row.institutionCode}`);
        const service = Object.assign(new Service(), {
          code: row.code,
          institutionId: institution.id,
          latvijaGovLvId: row.latvijaGovLvId ?? undefined,
          nameLv: row.nameLv,
          nameEn: row.nameEn,
          channels: row.channels,
          defaultDurationMin: row.defaultDurationMin,
          citizenIdentity: row.citizenIdentity,
          descriptionLv: row.descriptionLv ?? undefined,
          descriptionEn: row.descriptionEn ?? undefined,
        });
        services.set(row.code, service);
        em.persist(service);
      }
      for (const c of data.centres) {
        const centre = Object.assign(new Centre(), {
          code: c.code,
          nameLv: c.nameLv,
          shortName: c.shortName,
          kind: c.kind,
          municipalityAtvk: c.municipalityAtvk,
          placeName: c.placeName,
          placeType: c.placeType,
          address: c.address,
          postcode: c.postcode,
          lat: c.coordinates?.lat,
          lon: c.coordinates?.lon,
          phone: c.phone,
          email: c.email,
          languages: c.languages,
          status: c.status,
          statusSince: c.statusSince,
          generated: c.generated,
          openingHours: c.openingHours,
          serviceCodes: c.services.filter((code) => services.has(code)),
        });
        em.persist(centre);
        for (let n = 1; n <= c.videoBooths; n++) {
          em.persist(Object.assign(new VideoBooth(), { centreId: centre.id, name: `Videokabīne ${n}`, capacity: 2 }));
        }
        const payload: CentreRegisteredPayload = {
          centreId: centre.id,
          code: centre.code,
          municipalityAtvk: centre.municipalityAtvk,
          kind: centre.kind,
          status: centre.status,
          generated: centre.generated,
        };
        this.outbox.stage(em, integrationEvent(NETWORK_MODULE, NetworkEvents.CentreRegistered, payload, centre.id));
      }
      for (const a of data.agreements) em.persist(Object.assign(new CooperationAgreement(), a));
      for (const g of data.guides) {
        const service = services.get(g.serviceCode);
        if (!service) continue;
        const { serviceCode: _code, ...content } = g;
        const article: KnowledgeArticleRow = Object.assign(new KnowledgeArticleRow(), {
          serviceId: service.id,
          version: 1,
          content,
          current: true,
          authorId: 'seed',
          changeNote: 'Sākotnējā versija',
          searchTokens: guideSearchTokens(content, service.nameLv),
        });
        em.persist(article);
      }
      return true;
    });
    if (seeded) {
      this.outbox.nudge();
      this.logger.log(`demo network loaded: ${data.centres.length} centres, ${data.municipalities.length} municipalities`);
    }
    return { seeded };
  }
}

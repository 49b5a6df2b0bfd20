import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { isUuid, notFound } from '@modules/shared-kernel';
import type { InstitutionView, ServiceView } from '../../contracts';
import { Institution, Service } from '../../domain/catalogue';
import { toTsQueryText } from '../../domain/knowledge-base/latvian-text';
import { KnowledgeArticleRow } from '../../infrastructure/persistence';
import { toInstitutionView, toServiceView } from '../mappers';
import { loadCentre } from './centre-lookup';
import {
  GetServiceGuideQuery,
  ListInstitutionsQuery,
  ListServiceGuideVersionsQuery,
  ListServicesQuery,
  SearchKnowledgeBaseQuery,
  type GuideView,
  type KnowledgeSearchHit,
} from './catalogue-queries';

const serviceNotFound = (): Error => notFound('NETWORK.SERVICE_NOT_FOUND', 'Pakalpojums nav atrasts', 'Service not found');
const guideNotFound = (): Error => notFound('NETWORK.GUIDE_NOT_FOUND', 'Pakalpojumam nav apraksta', 'This service has no guide');

export async function loadService(em: EntityManager, idOrCode: string): Promise<Service> {
  const service = await em.findOne(Service, isUuid(idOrCode) ? { id: idOrCode } : { code: idOrCode });
  if (!service) throw serviceNotFound();
  return service;
}

@QueryHandler(ListInstitutionsQuery)
export class ListInstitutionsHandler implements IQueryHandler<ListInstitutionsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(): Promise<InstitutionView[]> {
    const em = this.em.fork();
    const institutions = await em.find(Institution, { active: true }, { orderBy: { code: 'asc' } });
    const counts = await em.getConnection().execute<Array<{ id: string; n: string }>>(
      'select institution_id as id, count(*) as n from network.service where active group by institution_id',
    );
    const byId = new Map(counts.map((c) => [c.id, Number(c.n)]));
    return institutions.map((i) => toInstitutionView(i, byId.get(i.id) ?? 0));
  }
}

@QueryHandler(ListServicesQuery)
export class ListServicesHandler implements IQueryHandler<ListServicesQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: ListServicesQuery): Promise<ServiceView[]> {
    const em = this.em.fork();
    const institutions = await em.find(Institution, {});
    const codeById = new Map(institutions.map((i) => [i.id, i.code]));
    const where: FilterQuery<Service> = { active: true };
    if (q.filter.institution) {
      const inst = institutions.find((i) => i.id === q.filter.institution || i.code === q.filter.institution);
      where.institutionId = inst?.id ?? '00000000-0000-4000-8000-000000000000';
    }
    if (q.filter.channel === 'remote_video') where.channels = { $in: ['remote_video', 'both'] };
    if (q.filter.channel === 'in_person') where.channels = { $in: ['in_person', 'both'] };
    if (q.filter.q) {
      const like = `%${q.filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      where.$or = [{ nameLv: { $ilike: like } }, { nameEn: { $ilike: like } }, { code: { $ilike: like } }];
    }
    if (q.filter.centre) {
      const { centre } = await loadCentre(em, q.filter.centre);
      where.code = { $in: centre.serviceCodes };
    }
    const services = await em.find(Service, where, { orderBy: { code: 'asc' } });
    return services.map((s) => toServiceView(s, codeById.get(s.institutionId) ?? ''));
  }
}

const toGuideView = (a: KnowledgeArticleRow, serviceCode: string): GuideView => ({
  serviceId: a.serviceId,
  serviceCode,
  version: a.version,
  content: a.content,
  authorId: a.authorId,
  changeNote: a.changeNote ?? null,
  publishedAt: a.createdAt.toISOString(),
});

@QueryHandler(GetServiceGuideQuery)
export class GetServiceGuideHandler implements IQueryHandler<GetServiceGuideQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: GetServiceGuideQuery): Promise<GuideView> {
    const em = this.em.fork();
    const service = await loadService(em, q.serviceIdOrCode);
    const article = await em.findOne(KnowledgeArticleRow, q.version ? { serviceId: service.id, version: q.version } : { serviceId: service.id, current: true });
    if (!article) throw guideNotFound();
    return toGuideView(article, service.code);
  }
}

@QueryHandler(ListServiceGuideVersionsQuery)
export class ListServiceGuideVersionsHandler implements IQueryHandler<ListServiceGuideVersionsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: ListServiceGuideVersionsQuery): Promise<Array<Omit<GuideView, 'content'> & { titleLv: string }>> {
    const em = this.em.fork();
    const service = await loadService(em, q.serviceIdOrCode);
    const articles = await em.find(KnowledgeArticleRow, { serviceId: service.id }, { orderBy: { version: 'desc' } });
    return articles.map((a) => {
      const { content, ...rest } = toGuideView(a, service.code);
      return { ...rest, titleLv: content.titleLv };
    });
  }
}

@QueryHandler(SearchKnowledgeBaseQuery)
export class SearchKnowledgeBaseHandler implements IQueryHandler<SearchKnowledgeBaseQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: SearchKnowledgeBaseQuery): Promise<KnowledgeSearchHit[]> {
    const tsquery = toTsQueryText(q.text);
    if (!tsquery) return [];
    const rows = await this.em.fork().getConnection().execute<Array<Record<string, unknown>>>(
      `select a.service_id, s.code as service_code, s.name_lv as service_name_lv, i.code as institution_code,
              a.content->>'titleLv' as title_lv, a.content->>'summaryLv' as summary_lv, a.version,
              ts_rank(a.search_vector, to_tsquery('simple', ?)) as rank
         from network.knowledge_article a
         join network.service s on s.id = a.service_id
         join network.institution i on i.id = s.institution_id
        where a.current and a.search_vector @@ to_tsquery('simple', ?)
        order by rank desc, s.code
        limit ?`,
      [tsquery, tsquery, q.limit],
    );
    return rows.map((r) => ({
      serviceId: r.service_id as string,
      serviceCode: r.service_code as string,
      serviceNameLv: r.service_name_lv as string,
      institutionCode: r.institution_code as string,
      titleLv: r.title_lv as string,
      summaryLv: r.summary_lv as string,
      version: Number(r.version),
      rank: Number(r.rank),
    }));
  }
}

import { Query } from '@nestjs/cqrs';
import type { InstitutionView, ServiceView } from '../../contracts';
import type { GuideContent } from '../../domain/catalogue';

export class ListInstitutionsQuery extends Query<InstitutionView[]> {}

export interface ServiceFilter {
  institution?: string;
  channel?: 'in_person' | 'remote_video';
  q?: string;
  centre?: string;
}

export class ListServicesQuery extends Query<ServiceView[]> {
  constructor(readonly filter: ServiceFilter) {
    super();
  }
}

export interface GuideView {
  serviceId: string;
  serviceCode: string;
  version: number;
  content: GuideContent;
  authorId: string;
  changeNote: string | null;
  publishedAt: string;
}

export class GetServiceGuideQuery extends Query<GuideView> {
  constructor(
    readonly serviceIdOrCode: string,
    readonly version?: number,
  ) {
    super();
  }
}

export class ListServiceGuideVersionsQuery extends Query<Array<Omit<GuideView, 'content'> & { titleLv: string }>> {
  constructor(readonly serviceIdOrCode: string) {
    super();
  }
}

export interface KnowledgeSearchHit {
  serviceId: string;
  serviceCode: string;
  serviceNameLv: string;
  institutionCode: string;
  titleLv: string;
  summaryLv: string;
  version: number;
  rank: number;
}

export class SearchKnowledgeBaseQuery extends Query<KnowledgeSearchHit[]> {
  constructor(
    readonly text: string,
    readonly limit: number,
  ) {
    super();
  }
}

import { newId } from '@modules/shared-kernel';

export interface GuideContent {
  titleLv: string;
  titleEn: string;
  summaryLv: string;
  summaryEn: string;
  checklistLv: string[];
  checklistEn: string[];
  documentsLv: string[];
  documentsEn: string[];
  feesLv: string;
  feesEn: string;
  faq: Array<{ qLv: string; aLv: string; qEn: string; aEn: string }>;
  latvijaGovLvUrl: string | null;
}

/** One version of a clerk's guide to a service; the institution maintains it, versions never change. */
export class KnowledgeArticle {
  id: string = newId();
  serviceId!: string;
  version!: number;
  content!: GuideContent;
  current = true;
  authorId!: string;
  changeNote?: string;
  createdAt: Date = new Date();
}

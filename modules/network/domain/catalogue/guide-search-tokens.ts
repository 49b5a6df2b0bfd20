import { toSearchTokens } from '../knowledge-base/latvian-text';
import type { GuideContent } from './knowledge-article';

/** Stemmed Latvian tokens of everything a clerk might search for in a guide. */
export function guideSearchTokens(content: GuideContent, serviceNameLv: string): string {
  const text = [
    serviceNameLv,
    content.titleLv,
    content.summaryLv,
    ...content.checklistLv,
    ...content.documentsLv,
    content.feesLv,
    ...content.faq.flatMap((f) => [f.qLv, f.aLv]),
  ].join(' ');
  return toSearchTokens(text).join(' ');
}

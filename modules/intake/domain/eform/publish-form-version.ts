import type { EFormVersion } from './eform-version';
import type { EFormValidator } from './eform-validator';

/**
 * Publishes a draft and retires the version it replaces, so a form has at most one published
 * version. Returns the retired version, if any, for the caller to save.
 */
export function publishReplacing(draft: EFormVersion, current: EFormVersion | undefined, now: Date, by: string, validator?: EFormValidator): EFormVersion | undefined {
  draft.publish(now, by, validator);
  if (!current || current.status !== 'published' || current.id === draft.id) return undefined;
  current.retire(now);
  return current;
}

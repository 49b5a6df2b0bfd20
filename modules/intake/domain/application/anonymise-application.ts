import type { Application } from './application';

/**
 * Anonymises an application in place (see {@link Application.anonymise}) and returns it;
 * `sensitiveFields` come from the form version it was filled against.
 */
export function anonymise(application: Application, sensitiveFields: readonly string[], now: Date = new Date()): Application {
  application.anonymise(sensitiveFields, now);
  return application;
}

import { AppConfig } from '@infrastructure/config/app-config';
import { parseResponseTargets, type ResponseTargets } from '../domain';

/**
 * Reporting's settings, taken from the application's validated configuration (AppConfig, see the
 * configuration table in README.md):
 * - REPORTING_SMALL_CELL_THRESHOLD (default 5): published cells with fewer visits are suppressed;
 * - REPORTING_FEEDBACK_PER_IP_PER_HOUR (default 20): feedback submissions one address may make;
 * - REPORTING_RESPONSE_TARGET_HOURS (default 8) and REPORTING_RESPONSE_TARGETS (`CODE=hours,…`):
 *   the working hours within which an institution should first answer a delivered application;
 * - REPORTING_EXACT_PERCENTILE_LIMIT (default 50,000): wait-time reports over more visits (whole
 *   months) take medians and p90 from the monthly histograms (within 1 %); smaller slices are exact.
 */
export class ReportingSettings {
  readonly smallCellThreshold: number;
  readonly feedbackPerIpPerHour: number;
  readonly responseTargets: ResponseTargets;
  readonly exactPercentileLimit: number;

  constructor(
    config: Pick<
      AppConfig,
      'REPORTING_SMALL_CELL_THRESHOLD' | 'REPORTING_FEEDBACK_PER_IP_PER_HOUR' | 'REPORTING_RESPONSE_TARGET_HOURS' | 'REPORTING_RESPONSE_TARGETS' | 'REPORTING_EXACT_PERCENTILE_LIMIT'
    >,
  ) {
    this.smallCellThreshold = config.REPORTING_SMALL_CELL_THRESHOLD;
    this.feedbackPerIpPerHour = config.REPORTING_FEEDBACK_PER_IP_PER_HOUR;
    this.responseTargets = parseResponseTargets(config.REPORTING_RESPONSE_TARGET_HOURS, config.REPORTING_RESPONSE_TARGETS);
    this.exactPercentileLimit = config.REPORTING_EXACT_PERCENTILE_LIMIT;
  }
}

export const reportingSettingsProvider = {
  provide: ReportingSettings,
  useFactory: (config: AppConfig): ReportingSettings => new ReportingSettings(config),
  inject: [AppConfig],
};

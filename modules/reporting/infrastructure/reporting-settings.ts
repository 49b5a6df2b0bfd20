function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`Invalid configuration:\n  ${name}=${JSON.stringify(raw)}: must be an integer from ${min} to ${max}`);
  return value;
}

/**
 * Reporting's settings, read from the environment and checked at start:
 * - REPORTING_SMALL_CELL_THRESHOLD (default 5): published cells with fewer visits are suppressed;
 * - REPORTING_FEEDBACK_PER_IP_PER_HOUR (default 20): feedback submissions one address may make.
 */
export class ReportingSettings {
  readonly smallCellThreshold: number;
  readonly feedbackPerIpPerHour: number;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.smallCellThreshold = intFrom(env, 'REPORTING_SMALL_CELL_THRESHOLD', 5, 2, 1000);
    this.feedbackPerIpPerHour = intFrom(env, 'REPORTING_FEEDBACK_PER_IP_PER_HOUR', 20, 1, 100_000);
  }
}

export const reportingSettingsProvider = { provide: ReportingSettings, useFactory: (): ReportingSettings => new ReportingSettings(process.env) };

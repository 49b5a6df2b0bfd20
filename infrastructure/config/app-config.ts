import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumberString, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && value !== '' ? Number(value) : value);
const toList = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);

/** Every setting the server reads, validated once at boot. See the configuration table in README.md. */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /**
   * Connections the kernel holds for the HTTP server until it accepts them (listen backlog; the
   * kernel caps it at net.core.somaxconn). Node's default of 511 overflows when a thousand consoles
   * reconnect at once (a restart, a network blip): the dropped connection attempts are retried by
   * the clients' kernels only after 1, 3, 7, 15… seconds.
   */
  @Transform(toInt) @IsInt() @Min(16) @Max(65535)
  LISTEN_BACKLOG = 4096;

  /** postgres://user:pass@host:port/db — without it an embedded PostgreSQL is started under DATA_DIR. */
  @IsOptional() @IsString() @MinLength(10)
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './.data';

  @Transform(toInt) @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /** Connections the app keeps to PostgreSQL (the job queue and realtime adapter use a few more). */
  @Transform(toInt) @IsInt() @Min(2) @Max(200)
  DATABASE_POOL_MAX = 20;

  /** Municipal employees' federation (OpenID Connect issuer). Without it the app runs its own demo issuer. */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  OIDC_ISSUER_URL?: string;

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  OIDC_JWKS_URL?: string;

  @IsString()
  OIDC_AUDIENCE = 'vpvkac-is';

  @Transform(toList) @IsIn(['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'], { each: true })
  OIDC_ALGORITHMS: string[] = ['RS256', 'ES256'];

  /** Public URL of this server, used as the demo issuer and in links. */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toInt) @IsInt() @Min(1024) @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 256 * 1024;

  @Transform(toBool) @IsBoolean()
  SEED_ON_EMPTY = true;

  @Transform(toBool) @IsBoolean()
  RUN_MIGRATIONS = true;

  /** Runs the outbox dispatcher and job workers in this instance. */
  @Transform(toBool) @IsBoolean()
  WORKERS_ENABLED = true;

  /** Seconds between webhook delivery attempts (Standard Webhooks schedule, ~3 days in all). */
  @Transform(toList) @IsNumberString({}, { each: true })
  WEBHOOK_RETRY_SCHEDULE: string[] = ['0', '5', '300', '1800', '7200', '18000', '36000', '50400', '72000', '86400'];

  @Transform(toInt) @IsInt() @Min(1000) @Max(60000)
  WEBHOOK_TIMEOUT_MS = 15000;

  /** Only for tests and local receivers: allows http and private/loopback webhook targets. */
  @Transform(toBool) @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;

  /** How long an institution's inbox fetch hides an application before it comes back unacknowledged. */
  @Transform(toInt) @IsInt() @Min(5) @Max(86400)
  INBOX_LEASE_SECONDS = 300;

  @Transform(toInt) @IsInt() @Min(1024) @Max(100 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

  /**
   * Intake: how long applications keep personal data, per outcome and institution: `[CODE.]name=days`
   * comma-separated, name one of granted, refused, returned, withdrawn, undecided, draft, max
   * (e.g. `VSAA.granted=60,VSAA.refused=180,withdrawn=3`); unset names keep the defaults (ADR 0010).
   */
  @Matches(/^$|^([A-Za-z0-9_-]{1,16}\.)?(granted|refused|returned|withdrawn|undecided|draft|max)=\d{1,5}(,([A-Za-z0-9_-]{1,16}\.)?(granted|refused|returned|withdrawn|undecided|draft|max)=\d{1,5})*$/)
  INTAKE_RETENTION_DAYS = '';

  /** Key for keyed hashes and encryption of personal data (≥ 32 characters). Required in production. */
  @IsOptional() @IsString() @MinLength(32)
  PERSONAL_DATA_KEY?: string;

  /**
   * Janus servers for remote consultations: a JSON array of
   * `{ "name", "adminUrl", "adminSecret", "publicWsUrl", "roomAdminKey" }`. Without it video
   * sessions fail with REMOTE.VIDEO_GATEWAY_UNAVAILABLE.
   */
  @IsOptional() @IsString() @MinLength(2)
  JANUS_SERVERS?: string;

  /**
   * Walk-in queue: commit transactions sent at the same time. Commands that finish while this many
   * are in flight are committed together in the next one (group commit, ADR 0008).
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(16)
  QUEUE_COMMITS_IN_FLIGHT = 2;

  /**
   * Walk-in queue, several instances: how long (ms) a command that keeps going stale (another
   * instance commits to the same centre as fast) waits for the centre's row lock before it answers
   * 503 QUEUE.BUSY (ADR 0008, "Under the centre's lock").
   */
  @Transform(toInt) @IsInt() @Min(100) @Max(60_000)
  QUEUE_LOCK_TIMEOUT_MS = 5_000;

  /** Seconds a request offered to a specialist rings before it goes back to the line. */
  @Transform(toInt) @IsInt() @Min(1) @Max(600)
  REMOTE_RING_TIMEOUT_SECONDS = 30;

  /** Reporting: published cells (open data) with fewer visits than this are suppressed (k-anonymity). */
  @Transform(toInt) @IsInt() @Min(2) @Max(1000)
  REPORTING_SMALL_CELL_THRESHOLD = 5;

  /** Reporting: citizens' feedback submissions one address may make per hour (per instance). */
  @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  REPORTING_FEEDBACK_PER_IP_PER_HOUR = 20;

  /** Reporting: target for an institution's first answer to a delivered application, in working hours. */
  @Transform(toInt) @IsInt() @Min(1) @Max(2000)
  REPORTING_RESPONSE_TARGET_HOURS = 8;

  /**
   * Reporting: wait-time reports over more visits than this (whole months) take medians and p90 from
   * the monthly histograms (within 1 %) instead of sorting every visit; smaller slices stay exact.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(100000000)
  REPORTING_EXACT_PERCENTILE_LIMIT = 50000;

  /** Reporting: per-institution targets in working hours, `CODE=hours` comma-separated (e.g. `VSAA=16,VID=4`). */
  @Matches(/^$|^[A-Za-z0-9_-]{1,16}=\d{1,4}(,[A-Za-z0-9_-]{1,16}=\d{1,4})*$/)
  REPORTING_RESPONSE_TARGETS = '';

  get personalDataKey(): string {
    return this.PERSONAL_DATA_KEY ?? 'development-only-personal-data-key-not-for-production';
  }

  get webhookRetryScheduleSeconds(): number[] {
    return this.WEBHOOK_RETRY_SCHEDULE.map(Number);
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get demoMode(): boolean {
    return !this.OIDC_ISSUER_URL;
  }

  get publicBaseUrl(): string {
    return this.PUBLIC_BASE_URL ?? `http://localhost:${this.PORT}`;
  }
}

export class ConfigError extends Error {}

/** Parses and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof AppConfig, unknown>> = {}): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'DATABASE_URL', 'OIDC_ISSUER_URL', 'OIDC_JWKS_URL', 'PUBLIC_BASE_URL', 'PERSONAL_DATA_KEY', 'JANUS_SERVERS']) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, { ...raw, ...overrides });
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const merged: Record<string, unknown> = { ...raw, ...overrides };
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(merged[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.isProduction && config.demoMode) {
    throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER_URL is required when NODE_ENV=production (the demo issuer refuses to run in production).');
  }
  if (config.isProduction && !config.PERSONAL_DATA_KEY) {
    throw new ConfigError('Invalid configuration:\n  PERSONAL_DATA_KEY is required when NODE_ENV=production.');
  }
  return config;
}

import type { Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrations } from './migrations';

/**
 * MikroORM options shared by the server, the seed command and the tests. Entities come from each
 * module's `MikroOrmModule.forFeature` (autoLoadEntities), migrations from an explicit list, so
 * nothing is discovered from the file system (which differs between TypeScript and the build).
 */
export function ormOptions(clientUrl: string, overrides: Partial<Options<PostgreSqlDriver>> = {}): Options<PostgreSqlDriver> {
  const socketDir = hostParameter(clientUrl);
  return {
    driver: PostgreSqlDriver,
    clientUrl,
    // `?host=/run/postgresql` (a Unix socket directory, as libpq and node-pg read it): MikroORM
    // takes the host from the URL's authority only, so it is passed on explicitly.
    ...(socketDir && { host: socketDir }),
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    forceUtcTimezone: true,
    // Domain classes use optional fields (undefined), not null.
    forceUndefined: true,
    ignoreUndefinedInQuery: true,
    pool: { min: 0, max: 10, acquireTimeoutMillis: 30_000 },
    debug: false,
    // Platform tables and pg-boss are migrated by hand / by pg-boss; columns the ORM does not map
    // (generated tsvectors) are kept out of schema diffs.
    schemaGenerator: {
      ignoreSchema: ['platform', 'pgboss'],
      skipTables: ['ticket_counter', 'command_receipt', 'ticket_notification', 'institution_status_event', 'specialist', 'availability_schedule', 'consultation_type', 'booking'],
      skipColumns: { 'network.knowledge_article': ['search_vector'] },
    },
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      path: 'infrastructure/database/migrations',
      pathTs: 'infrastructure/database/migrations',
      emit: 'ts',
      silent: true,
    },
    ...overrides,
  };
}

/** The `host` query parameter of a connection URL (e.g. a Unix socket directory), if any. */
export function hostParameter(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('host') ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Generates a migration from the difference between the entity schemas and a database migrated to
 * the latest committed migration, then registers it in infrastructure/database/migrations/index.ts.
 *   npm run migration:create -- <Name>
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { readFileSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { ormOptions } from '../infrastructure/database/orm-options';
import { ALL_ENTITIES } from './all-entities';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: npm run migration:create -- <PascalCaseName>');
  const admin = process.env.ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = `vpvkac_migration_${Date.now()}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${db}`);
  const url = admin.replace(/\/[^/]*$/, `/${db}`);
  const orm = await MikroORM.init(ormOptions(url, { entities: ALL_ENTITIES }));
  try {
    const migrator = orm.getMigrator();
    await migrator.up();
    const result = await migrator.createMigration('infrastructure/database/migrations', false, false, name);
    if (!result.fileName) {
      process.stdout.write('No schema changes.\n');
      return;
    }
    const className = result.fileName.replace(/\.ts$/, '');
    dropHandManagedObjects(`infrastructure/database/migrations/${result.fileName}`);
    const indexPath = 'infrastructure/database/migrations/index.ts';
    let index = readFileSync(indexPath, 'utf8');
    index = index.replace(/(import type \{ MigrationObject \}[^\n]*\n)/, `$1import { ${className} } from './${className}';\n`);
    index = index.replace(/\n\];\s*$/, `\n  { name: '${className}', class: ${className} },\n];\n`);
    writeFileSync(indexPath, index);
    process.stdout.write(`Created ${result.fileName}\n`);
  } finally {
    await orm.close(true);
    await client.query(`drop database ${db}`);
    await client.end();
  }
}

/**
 * Objects created by hand in migrations that the ORM cannot describe (generated tsvector columns and
 * their partial indexes): the diff would drop them, so such lines are removed from new migrations.
 */
const HAND_MANAGED = /knowledge_article_one_current_idx|knowledge_article_search_idx|search_vector/;
function dropHandManagedObjects(path: string): void {
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, text.split('\n').filter((line) => !HAND_MANAGED.test(line)).join('\n'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

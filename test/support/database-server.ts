import { Client } from 'pg';

/** The PostgreSQL the tests use: TEST_DATABASE_ADMIN_URL, else the local server on 5432 if it answers. */
export async function findLocalPostgres(): Promise<string | undefined> {
  const candidates = [process.env.TEST_DATABASE_ADMIN_URL, 'postgres://postgres@127.0.0.1:5432/postgres'].filter(Boolean) as string[];
  for (const url of candidates) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return url;
    } catch {
      // try the next one
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return undefined;
}

export const withDatabase = (adminUrl: string, db: string): string => adminUrl.replace(/\/[^/?]*(\?.*)?$/, `/${db}$1`).replace(/undefined$/, '');

export async function adminQuery(adminUrl: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A piece of SQL with its parameters, built with the `sql` tag so values are never spliced in by
 * hand. Parameters go to PostgreSQL as real bind parameters (a JS array becomes one PostgreSQL
 * array). A `?` in the text is a placeholder, so the SQL here never uses the jsonb `?` operators.
 */
export class SqlFragment {
  constructor(
    readonly text: string,
    readonly params: readonly unknown[],
  ) {}
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof SqlFragment) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1]!;
  });
  return new SqlFragment(text, params);
}

/** Trusted SQL text (identifiers and expressions chosen from fixed lists, never user input). */
export const raw = (text: string): SqlFragment => new SqlFragment(text, []);

export function joinSql(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return new SqlFragment(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => p.params),
  );
}

/** `column = any(array)`: true for a row whose column is one of the values (none for an empty list). */
export const inList = (column: string, values: readonly string[]): SqlFragment => sql`${raw(column)} = any(${[...values]})`;

/** A parameter holding rows as JSON, for `jsonb_to_recordset` bulk writes. */
export const jsonRows = (rows: readonly object[]): SqlFragment => sql`${JSON.stringify(rows)}::jsonb`;

export type SqlRunner = <T = Record<string, unknown>>(fragment: SqlFragment) => Promise<T[]>;

/**
 * Runs fragments in the entity manager's transaction, if it has one. Through knex with bindings
 * rather than `Connection.execute`, which inlines values into the SQL text (slow for large JSON
 * batches, and a `?` inside a value would be taken for a placeholder).
 */
export const sqlRunner =
  (em: EntityManager): SqlRunner =>
  async <T>(fragment: SqlFragment) => {
    const query = em.getConnection().getKnex().raw(fragment.text, [...fragment.params] as never[]);
    const tx = em.getTransactionContext();
    if (tx) void query.transacting(tx);
    const result = (await query) as { rows: T[] };
    return result.rows;
  };

/**
 * Runs report queries in a read-only transaction with more sort memory, so percentile_cont over a
 * year of visits sorts in memory instead of spilling to disk, and with the cost of random reads
 * of a memory-resident read model, so the planner takes the covering indexes.
 */
export async function withReportSession<T>(em: EntityManager, work: (run: SqlRunner) => Promise<T>, workMem = '64MB'): Promise<T> {
  return em.fork().transactional(async (tx) => {
    const run = sqlRunner(tx);
    await run(raw('set transaction read only'));
    await run(raw(`set local work_mem = '${workMem.replace(/[^0-9A-Za-z]/g, '')}'`));
    await run(raw('set local random_page_cost = 1.1'));
    return work(run);
  });
}

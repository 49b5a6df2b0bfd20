import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import type { IntegrationEvent } from '@modules/shared-kernel';
import { rebuildRunning } from '../../domain';
import { REBUILT_TABLES } from '../../infrastructure/persistence';
import { raw, sql, sqlRunner } from '../../infrastructure/persistence/sql-fragment';
import { DimensionLookup } from '../projection/dimension-lookup';
import { PROJECTED_EVENT_TYPES, ReportingProjector } from '../projection/reporting-projector';
import { RebuildReportingCommand, type RebuildResult } from './rebuild-reporting.command';

/**
 * One transaction: truncating takes the read models' locks, so the live consumer waits for the
 * commit and then applies its event again, which changes nothing (the projection is idempotent).
 * Readers wait for the commit too; a rebuild is a maintenance step.
 */
@CommandHandler(RebuildReportingCommand)
export class RebuildReportingHandler implements ICommandHandler<RebuildReportingCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly projector: ReportingProjector,
    private readonly dimensions: DimensionLookup,
  ) {}

  async execute(cmd: RebuildReportingCommand): Promise<RebuildResult> {
    const started = Date.now();
    return this.em.fork().transactional(async (em) => {
      const run = sqlRunner(em);
      const [lock] = await run<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtext('reporting.rebuild')) as locked`);
      if (!lock?.locked) throw rebuildRunning();
      await run(raw(`truncate ${REBUILT_TABLES.map((t) => `reporting.${t}`).join(', ')}`));
      this.dimensions.forget();
      // Walks the outbox by ranges of position (the unique index), whatever the table's statistics
      // say, up to the last event at the start; later events reach the live consumer as usual.
      const [bounds] = await run<{ last: string | null }>(sql`select max(position)::text as last from platform.outbox`);
      const last = BigInt(bounds?.last ?? '0');
      let events = 0;
      for (let after = 0n; after < last; after += BigInt(cmd.pageSize)) {
        const page = await run<{ payload: IntegrationEvent }>(sql`
          select payload from platform.outbox
           where position > ${after.toString()}::bigint and position <= ${(after + BigInt(cmd.pageSize)).toString()}::bigint
             and type = any(${[...PROJECTED_EVENT_TYPES]}::text[])
           order by position`);
        if (page.length > 0) events += await this.projector.apply(page.map((r) => r.payload), em);
      }
      const rows: Record<string, number> = {};
      for (const table of REBUILT_TABLES) {
        const [count] = await run<{ n: string }>(raw(`select count(*) as n from reporting.${table}`));
        rows[table] = Number(count?.n ?? 0);
      }
      return { events, durationMs: Date.now() - started, rows };
    });
  }
}

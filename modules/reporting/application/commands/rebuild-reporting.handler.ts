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
      let after = '0';
      let events = 0;
      for (;;) {
        const page = await run<{ position: string; payload: IntegrationEvent }>(sql`
          select position::text as position, payload from platform.outbox
           where type = any(${[...PROJECTED_EVENT_TYPES]}::text[]) and position > ${after}::bigint
           order by position limit ${cmd.pageSize}`);
        if (page.length === 0) break;
        events += await this.projector.apply(
          page.map((r) => r.payload),
          em,
        );
        after = page.at(-1)!.position;
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

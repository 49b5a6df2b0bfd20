import { Command } from '@nestjs/cqrs';

export interface RebuildResult {
  /** Events read from the outbox and applied. */
  events: number;
  durationMs: number;
  rows: Record<string, number>;
}

/** Empties the read models and replays every relevant event from platform.outbox, in order. */
export class RebuildReportingCommand extends Command<RebuildResult> {
  /** Outbox positions read per page. */
  constructor(readonly pageSize = 20_000) {
    super();
  }
}

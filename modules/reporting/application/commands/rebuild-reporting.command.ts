import { Command } from '@nestjs/cqrs';

export interface RebuildResult {
  /** Events read from the outbox and applied. */
  events: number;
  durationMs: number;
  rows: Record<string, number>;
}

/** Empties the read models and replays every relevant event from platform.outbox, in order. */
export class RebuildReportingCommand extends Command<RebuildResult> {
  constructor(readonly pageSize = 5000) {
    super();
  }
}

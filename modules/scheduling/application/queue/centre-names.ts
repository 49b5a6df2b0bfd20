import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetCentreQuery } from '@modules/network';

const TTL_MS = 5 * 60_000;

/**
 * Centres' short names for boards and trackers, remembered for a few minutes: a public tracker is
 * read again and again, and a rename may take that long to show.
 */
@Injectable()
export class CentreNames {
  private readonly names = new Map<string, { name: string; at: number }>();

  constructor(private readonly queries: QueryBus) {}

  async of(centreId: string): Promise<string> {
    const known = this.names.get(centreId);
    if (known && Date.now() - known.at < TTL_MS) return known.name;
    const name = (await this.queries.execute(new GetCentreQuery(centreId)))?.shortName ?? '';
    if (this.names.size >= 10_000) this.names.clear();
    this.names.set(centreId, { name, at: Date.now() });
    return name;
  }
}

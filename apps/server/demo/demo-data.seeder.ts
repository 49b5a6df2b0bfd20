import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SeedNetworkDemoDataCommand } from '@modules/network';

/** Loads each module's demo data into an empty database (first start, `npm run seed`). */
@Injectable()
export class DemoDataSeeder {
  private readonly logger = new Logger(DemoDataSeeder.name);

  constructor(private readonly commands: CommandBus) {}

  async seedIfEmpty(): Promise<boolean> {
    const { seeded } = await this.commands.execute(new SeedNetworkDemoDataCommand());
    if (seeded) this.logger.log('demo data loaded');
    return seeded;
  }
}

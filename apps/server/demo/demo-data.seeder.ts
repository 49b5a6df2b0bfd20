import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SeedNetworkDemoDataCommand } from '@modules/network';
import { SeedIntakeDemoData } from '@modules/intake';
import { SeedSchedulingDemoData } from '@modules/scheduling';

/** Loads each module's demo data into an empty database (first start, `npm run seed`). */
@Injectable()
export class DemoDataSeeder {
  private readonly logger = new Logger(DemoDataSeeder.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly intake: SeedIntakeDemoData,
    private readonly scheduling: SeedSchedulingDemoData,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    const { seeded } = await this.commands.execute(new SeedNetworkDemoDataCommand());
    if (seeded) await this.intake.run();
    // Idempotent (skips when specialists exist): also fills a database seeded before bookings existed.
    await this.scheduling.run();
    if (seeded) this.logger.log('demo data loaded');
    return seeded;
  }
}

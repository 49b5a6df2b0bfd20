import { Command } from '@nestjs/cqrs';

/** Loads the demo network (municipalities, centres, institutions, services, guides) into an empty database. */
export class SeedNetworkDemoDataCommand extends Command<{ seeded: boolean }> {}

import { Module } from '@nestjs/common';
import { IntakeModule } from '@modules/intake';
import { SchedulingModule } from '@modules/scheduling';
import { DemoDataSeeder } from './demo-data.seeder';
import { DemoTokenController } from './demo-token.controller';

@Module({ imports: [IntakeModule, SchedulingModule], controllers: [DemoTokenController], providers: [DemoDataSeeder], exports: [DemoDataSeeder] })
export class DemoModule {}

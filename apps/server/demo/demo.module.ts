import { Module } from '@nestjs/common';
import { IntakeModule } from '@modules/intake';
import { DemoDataSeeder } from './demo-data.seeder';
import { DemoTokenController } from './demo-token.controller';

@Module({ imports: [IntakeModule], controllers: [DemoTokenController], providers: [DemoDataSeeder], exports: [DemoDataSeeder] })
export class DemoModule {}

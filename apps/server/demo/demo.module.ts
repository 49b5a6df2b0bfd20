import { Module } from '@nestjs/common';
import { DemoDataSeeder } from './demo-data.seeder';
import { DemoTokenController } from './demo-token.controller';

@Module({ controllers: [DemoTokenController], providers: [DemoDataSeeder], exports: [DemoDataSeeder] })
export class DemoModule {}

// Public surface of the Intake module: the Nest module and its contracts.
export { IntakeModule } from './intake.module';
export { SeedIntakeDemoData } from './application/seed-intake-demo-data';
export * from './contracts';

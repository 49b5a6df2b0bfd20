// Public surface of the Scheduling module: the Nest module and its contracts.
export { SchedulingModule } from './scheduling.module';
export * from './contracts';
export { SeedSchedulingDemoData } from './application/bookings/seed-scheduling-demo-data';

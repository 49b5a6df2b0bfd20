export * from './intake.records';

// Public surface of the Reporting module: the Nest module and its contracts.
export { ReportingModule } from './reporting.module';
export * from './contracts';

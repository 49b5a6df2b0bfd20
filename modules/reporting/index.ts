// Public surface of the Reporting module: the Nest module, its contracts, and the rebuild command
// (run by apps/server/reporting-rebuild.ts).
export { ReportingModule } from './reporting.module';
export { RebuildReportingCommand, type RebuildResult } from './application/commands/rebuild-reporting.command';
export * from './contracts';

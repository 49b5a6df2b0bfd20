// Public surface of the RemoteOfficial module: the Nest module and its contracts.
export { RemoteOfficialModule } from './remote-official.module';
export * from './contracts';

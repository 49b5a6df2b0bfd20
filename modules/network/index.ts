// Public surface of the Network module: the Nest module and its contracts. Nothing else may be imported.
export { NetworkModule } from './network.module';
export * from './contracts';

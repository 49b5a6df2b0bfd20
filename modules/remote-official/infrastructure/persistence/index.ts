export * from './remote-official.schema';

export * from './queue.schema';

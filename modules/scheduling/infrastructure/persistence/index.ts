export * from './queue.schema';
export * from './queue-state.store';

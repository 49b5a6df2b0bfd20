export * from './queue-events';
export * from './queue-views';
export * from './queue-socket-events';

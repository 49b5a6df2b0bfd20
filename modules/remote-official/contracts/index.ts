export * from './remote-events';
export * from './remote-views';

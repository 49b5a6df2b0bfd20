export * from './network-events';
export * from './network-views';
export * from './network-queries';
export * from './network-commands';

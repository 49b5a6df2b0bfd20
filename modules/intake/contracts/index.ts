export * from './intake-events';

export * from './reporting-views';

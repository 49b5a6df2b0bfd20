export * from './reporting.schema';

export * from './queue.schema';
export * from './date-reviving-json.type';

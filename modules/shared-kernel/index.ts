// Shared kernel: plain TypeScript used by every module. No Nest, no ORM.
export * from './src/core';
export * from './src/identity';
export * from './src/calendar';

export * from './municipality';
export * from './cooperation-agreement';

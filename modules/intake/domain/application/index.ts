export * from './application';
export * from './application-status';
export * from './application-errors';
export * from './application-reference';
export * from './attachment';
export * from './institution-status-event';
export * from './retention-policy';
export * from './anonymise-application';

export * from './queue-events';
export * from './queue-views';
export * from './queue-socket-events';
export * from './booking-events';
export * from './booking-queries';
export * from './visit-ticket-query';

export * from './centre';
export * from './centre-kind';
export * from './centre-status';
export * from './centre-errors';
export * from './video-booth';
export * from './staff-assignment';

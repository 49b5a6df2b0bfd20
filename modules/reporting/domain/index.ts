export * from './channel';
export * from './feedback';
export * from './report-period';
export * from './reporting-errors';
export * from './small-cell-suppression';
export * from './visit-fact';
export * from './application-fact';
export * from './remote-fact';

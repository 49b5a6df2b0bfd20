export * from './printed-form-layout';
export * from './render-application-pdf';

export * from './institution';
export * from './service';
export * from './knowledge-article';
export * from './guide-search-tokens';

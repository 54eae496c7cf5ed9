export * from './instant';
export * from './local-date';

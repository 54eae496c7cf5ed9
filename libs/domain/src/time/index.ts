export * from './clock';
export * from './instant';
export * from './local-date';

export * from './identity-events';
export * from './journey-events';
export * from './topics';

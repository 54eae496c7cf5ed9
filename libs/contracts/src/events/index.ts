export * from './journey-events';
export * from './topics';

export * from './gallery-events';
export * from './identity-events';
export * from './journey-events';
export * from './step-decision';
export * from './topics';

export * from './gallery-events';
export * from './event-parsing';
export * from './identity-events';
export * from './journey-events';
export * from './operations-events';
export * from './step-decision';
export * from './topics';
export * from './event-catalogue';

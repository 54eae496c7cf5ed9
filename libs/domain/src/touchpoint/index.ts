export * from './touchpoint-decision';

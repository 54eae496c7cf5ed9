/** Contracts at the edge: input DTOs, their parsing, and the errors they give. */
export * from './biometrics';
export * from './events';
export * from './input';
export * from './policy';

/** The domain: policy rules and value objects. Pure TypeScript: no Nest, no I/O, no clock. */
export * from './biometrics';
export * from './boarding-pass';
export * from './identity';
export * from './policy';
export * from './time';
export * from './touchpoint';

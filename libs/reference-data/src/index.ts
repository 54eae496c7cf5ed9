/** Reference data from seeds/: airports, and the phase policy built on them. */
export * from './airport-registry';
export * from './phase-policy-factory';
export * from './reference-file';
export * from './seeds-location';

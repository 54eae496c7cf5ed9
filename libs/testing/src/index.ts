/** Test infrastructure: real databases for integration tests. */
export * from './in-memory-unit-of-work';
export * from './kafka-mock-cluster';
export * from './postgres-test-database';

/** Test infrastructure: real databases for integration tests, a database-less unit of work for unit tests. */
export * from './kafka-mock-cluster';
export * from './no-database-unit-of-work';
export * from './postgres-test-database';
export * from './sample-boarding-pass';
export * from './statement-noting-database';

/** Test infrastructure: real databases for integration tests. */
export * from './postgres-test-database';

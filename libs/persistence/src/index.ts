/** The database of a process: PGlite or PostgreSQL, migrations, and the unit of work. */
export * from './async-mutex';
export * from './data-source-factory';
export * from './database-config';
export * from './deferred-rows';
export * from './statement-guard';
export * from './unit-of-work';

import type { DatabaseConfig } from '@biogate/persistence';
import { createTestPostgresDatabase } from '@biogate/testing';

/** A database for one suite, and how to remove it afterwards. */
export interface ProvisionedDatabase {
  readonly config: DatabaseConfig;
  readonly cleanup: () => Promise<void>;
}

/** A fresh database on the PostgreSQL server (dropped by `cleanup`). */
export async function postgresDatabase(): Promise<ProvisionedDatabase> {
  const database = await createTestPostgresDatabase();
  return { config: { kind: 'postgres', url: database.url }, cleanup: () => database.drop() };
}

/**
 * The two databases biogate runs on, for `describe.each`: PGlite in memory, and a fresh
 * database on the PostgreSQL server.
 */
export const BOTH_DATABASES: [string, () => Promise<ProvisionedDatabase>][] = [
  [
    'PGlite',
    () => Promise.resolve({ config: { kind: 'pglite' }, cleanup: () => Promise.resolve() }),
  ],
  ['PostgreSQL', postgresDatabase],
];

import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { DEFAULT_POOL_SIZE, type DatabaseConfig } from './database-config';
import { openPGlite, pgliteDriver } from './pglite-pool';
import { PreparedStatementClient } from './prepared-pg-client';
import { TypeOrmUnitOfWork, type UnitOfWork } from './unit-of-work';

/** What a service brings to the process's database: its entities and its migrations. */
export interface PersistenceUnit {
  readonly name: string;
  readonly entities: readonly (new () => object)[];
  readonly migrations: readonly (new () => MigrationInterface)[];
}

export interface OpenDatabase {
  readonly dataSource: DataSource;
  readonly unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

/** Every service records its migrations in one table; migration names carry the service. */
export const MIGRATIONS_TABLE = 'biogate_migrations';

/** Serialises migrations when several processes start at once (PostgreSQL advisory lock key). */
const MIGRATION_LOCK_KEY = 73_190_001;

/**
 * Opens the database, runs the units' migrations (never `synchronize`) and hands out the unit of
 * work. The same migrations run on PGlite and on PostgreSQL.
 */
export async function openDatabase(
  config: DatabaseConfig,
  units: readonly PersistenceUnit[],
): Promise<OpenDatabase> {
  const common = {
    type: 'postgres',
    entities: units.flatMap((u) => [...u.entities]),
    migrations: units.flatMap((u) => [...u.migrations]),
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    logging: false,
  } as const;
  const options: DataSourceOptions =
    config.kind === 'postgres'
      ? {
          ...common,
          url: config.url,
          extra: {
            max: config.poolSize ?? DEFAULT_POOL_SIZE,
            // Connections stay open while idle (pg closes them after 10 s): a new one is a new
            // server process with cold caches and none of our prepared statements, so the first
            // requests after a quiet spell paid 100-160 ms (bench:distributed's first seconds).
            idleTimeoutMillis: 0,
            Client: PreparedStatementClient,
          },
        }
      : {
          ...common,
          driver: pgliteDriver(await openPGlite(config.dataDir), config.dataDir !== undefined),
        };
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    await runMigrationsExclusively(dataSource, config.kind === 'postgres');
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return {
    dataSource,
    unitOfWork: new TypeOrmUnitOfWork(dataSource, { inProcess: config.kind === 'pglite' }),
    close: () => dataSource.destroy(),
  };
}

async function runMigrationsExclusively(dataSource: DataSource, lock: boolean): Promise<void> {
  if (!lock) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

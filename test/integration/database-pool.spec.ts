import { DEFAULT_POOL_SIZE, openDatabase, type DatabaseConfig } from '@biogate/persistence';
import { postgresDatabase, type ProvisionedDatabase } from '../support/both-databases';

/** The server processes that answered `statements` statements sent at once, each held a while. */
async function backendsAnswering(config: DatabaseConfig, statements: number): Promise<number> {
  const db = await openDatabase(config, []);
  try {
    const answers = await Promise.all(
      Array.from({ length: statements }, () =>
        db.dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid FROM pg_sleep(0.1)'),
      ),
    );
    return new Set(answers.map(([row]) => row?.pid)).size;
  } finally {
    await db.close();
  }
}

/**
 * A process keeps at most its pool's connections to PostgreSQL (`DATABASE_POOL_SIZE`): the
 * instances of every service together must stay under the server's `max_connections`.
 */
describe('the connection pool on PostgreSQL', () => {
  let provisioned: ProvisionedDatabase;
  beforeAll(async () => {
    provisioned = await postgresDatabase();
  }, 60_000);
  afterAll(() => provisioned.cleanup());

  it('opens at most the pool size asked for, however many statements wait', async () => {
    const config = { ...provisioned.config, poolSize: 2 } as DatabaseConfig;
    expect(await backendsAnswering(config, 8)).toBe(2);
  });

  it('keeps its connections through a quiet spell longer than pg closes idle ones after', async () => {
    const db = await openDatabase({ ...provisioned.config, poolSize: 2 } as DatabaseConfig, []);
    const pids = async () =>
      new Set(
        (
          await Promise.all(
            [1, 2].map(() =>
              db.dataSource.query<{ pid: number }[]>(
                'SELECT pg_backend_pid() AS pid FROM pg_sleep(0.1)',
              ),
            ),
          )
        ).map(([row]) => row?.pid),
      );
    try {
      const before = await pids();
      // node-postgres closes a connection idle for 10 s unless told otherwise.
      await new Promise((resolve) => setTimeout(resolve, 10_500));
      expect(await pids()).toEqual(before);
    } finally {
      await db.close();
    }
  }, 30_000);

  it('opens up to the default pool without a size', async () => {
    expect(await backendsAnswering(provisioned.config, DEFAULT_POOL_SIZE + 4)).toBe(
      DEFAULT_POOL_SIZE,
    );
  });
});

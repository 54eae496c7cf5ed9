import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A fresh PostgreSQL database for one test run, so runs never see each other. The server comes
 * from TEST_POSTGRES_URL (a URL to an administrative database), else the local server on
 * 127.0.0.1:5432 that .ci/run starts. (Testcontainers joins this chain with issue #4; no Docker
 * engine runs on these machines.)
 */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createTestPostgresDatabase(
  env: NodeJS.ProcessEnv = process.env,
): Promise<TestDatabase> {
  const serverUrl = env.TEST_POSTGRES_URL ?? DEFAULT_SERVER;
  const name = `biogate_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `no PostgreSQL server at ${url} for the integration tests (set TEST_POSTGRES_URL, or start the local server: see README): ${String(error)}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

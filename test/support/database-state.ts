import type { RunningServices } from './service-harness';

/**
 * A fingerprint of every row of every service table (check-in, gates, outboxes, idempotency
 * records): two equal fingerprints mean nothing was written in between, updates included.
 */
export async function databaseState(services: RunningServices): Promise<Record<string, string>> {
  return services.opened.platform.unitOfWork.read(async (em) => {
    const tables = await em.query<{ schema: string; name: string }[]>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE'
          AND table_schema NOT IN ('pg_catalog', 'information_schema', 'public')
        ORDER BY 1, 2`,
    );
    const state: Record<string, string> = {};
    for (const { schema, name } of tables) {
      const rows = await em.query<{ n: string; digest: string | null }[]>(
        `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest
           FROM "${schema}"."${name}" t`,
      );
      state[`${schema}.${name}`] = `${rows[0]?.n}:${rows[0]?.digest ?? ''}`;
    }
    return state;
  });
}

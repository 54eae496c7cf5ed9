import type { EntityManager } from 'typeorm';
import { OUTAGES, type Outage } from '@biogate/domain';
import { assertSchemaName } from '@biogate/messaging';

/**
 * Each service keeps the outages in force at each airport in its own schema (`airport_outage`):
 * check-in, where operators declare them, and the gates, from AirportOutageChanged events.
 */
export function airportOutageTableSql(schema: string): string {
  assertSchemaName(schema);
  return `CREATE TABLE ${schema}.airport_outage (
    airport varchar(3) NOT NULL,
    outage varchar(10) NOT NULL,
    since timestamptz NOT NULL,
    PRIMARY KEY (airport, outage)
  )`;
}

export async function outagesAt(
  em: EntityManager,
  schema: string,
  airport: string,
): Promise<Outage[]> {
  assertSchemaName(schema);
  const rows = await em.query<{ outage: string }[]>(
    `SELECT outage FROM ${schema}.airport_outage WHERE airport = $1 ORDER BY outage`,
    [airport],
  );
  return knownOutages(rows.map((r) => r.outage));
}

/** The outages of a stored list that this build knows (a newer build may have added some). */
export function knownOutages(stored: readonly string[]): Outage[] {
  return stored.filter((o): o is Outage => (OUTAGES as readonly string[]).includes(o));
}

/** Records an outage as in force or cleared; returns whether anything changed. */
export async function setOutage(
  em: EntityManager,
  schema: string,
  airport: string,
  outage: Outage,
  inForce: boolean,
  at: Date,
): Promise<boolean> {
  assertSchemaName(schema);
  const rows = inForce
    ? await em.query<unknown[]>(
        `INSERT INTO ${schema}.airport_outage (airport, outage, since) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING airport`,
        [airport, outage, at],
      )
    : await em.query<unknown[]>(
        `WITH gone AS (DELETE FROM ${schema}.airport_outage WHERE airport = $1 AND outage = $2 RETURNING airport)
         SELECT airport FROM gone`,
        [airport, outage],
      );
  return rows.length > 0;
}

import type { UnitOfWork } from '@biogate/persistence';

/**
 * Deletes the rows of `table` older than `keepMs` by the database's clock (`now()`, not a
 * service's clock, which a simulated day moves at will) that `condition` also selects, in one
 * transaction, and answers how many went. `agedColumn`, `table` and `condition` are the
 * caller's constants, never input.
 */
export async function deleteAgedRows(
  unitOfWork: UnitOfWork,
  purge: {
    readonly table: string;
    readonly agedColumn: string;
    readonly keepMs: number;
    /** More of the WHERE clause, its parameters from $2. */
    readonly condition?: { readonly sql: string; readonly parameters: readonly unknown[] };
  },
): Promise<number> {
  const also = purge.condition === undefined ? '' : ` AND ${purge.condition.sql}`;
  const [deleted] = await unitOfWork.transaction((em) =>
    em.query<{ n: number }[]>(
      `WITH purged AS (
         DELETE FROM ${purge.table}
          WHERE ${purge.agedColumn} < now() - make_interval(secs => $1)${also} RETURNING 1
       )
       SELECT count(*)::int AS n FROM purged`,
      [purge.keepMs / 1000, ...(purge.condition?.parameters ?? [])],
    ),
  );
  return deleted?.n ?? 0;
}

/**
 * Makes the space of deleted rows reusable where nothing else will: a database in this process
 * (PGlite) has no autovacuum, so without a VACUUM the table, held in memory, grows all day as if
 * nothing went. VACUUM cannot run in a transaction: it goes through `read`, which opens none.
 */
export async function reclaimSpace(unitOfWork: UnitOfWork, table: string): Promise<void> {
  if (unitOfWork.ownsDatabase === true) await unitOfWork.read((em) => em.query(`VACUUM ${table}`));
}

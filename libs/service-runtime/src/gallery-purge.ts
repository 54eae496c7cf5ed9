import type { UnitOfWork } from '@biogate/persistence';
import { assertSchemaName } from '@biogate/messaging';

/** Deletes a gate's gallery entries whose flight departed more than the retention ago. */
export async function purgeGallery(
  unitOfWork: UnitOfWork,
  schema: string,
  now: number,
  retentionMs: number,
): Promise<number> {
  assertSchemaName(schema);
  const rows = await unitOfWork.transaction((em) =>
    // A SELECT around the DELETE: TypeORM shapes DELETE results differently on pg and PGlite.
    em.query<{ n: string }[]>(
      `WITH gone AS (DELETE FROM ${schema}.gallery_entry WHERE departure_at < $1 RETURNING 1)
       SELECT count(*) AS n FROM gone`,
      [new Date(now - retentionMs)],
    ),
  );
  return Number(rows[0]?.n ?? 0);
}

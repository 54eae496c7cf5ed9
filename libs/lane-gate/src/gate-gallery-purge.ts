import type { OnModuleInit } from '@nestjs/common';
import { assertSchemaName } from '@biogate/messaging';
import type { UnitOfWork } from '@biogate/persistence';
import type { TemplatePurge, TemplateRetentionRegistry } from '@biogate/service-runtime';

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

/**
 * A gate's copy of each flight gallery goes once the flight has departed plus the retention;
 * each gate subclasses this with its schema, and the purge registers itself with the process.
 */
export abstract class GateGalleryPurge implements TemplatePurge, OnModuleInit {
  readonly holdsCopies = true;

  protected constructor(
    readonly holder: string,
    private readonly schema: string,
    private readonly unitOfWork: UnitOfWork,
    private readonly registry: TemplateRetentionRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  purge(now: number, retentionMs: number): Promise<number> {
    return purgeGallery(this.unitOfWork, this.schema, now, retentionMs);
  }
}

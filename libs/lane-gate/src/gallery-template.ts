import type { EntityManager } from 'typeorm';
import type { SealedGalleryTemplate } from '@biogate/contracts';
import { assertSchemaName } from '@biogate/messaging';
import type { GalleryCipher } from './gallery-cipher';

/** A gate's stored copy of a flight gallery entry. */
export interface StoredGalleryEntry {
  readonly templateId: string;
  readonly flightId: string;
  readonly sealed: object;
}

export interface TemplateRead {
  /** Who reads: the API key holder's name. */
  readonly accessor: string;
  readonly touchpoint: 'SECURITY' | 'BOARDING';
  readonly purpose: string;
  readonly at: Date;
}

/**
 * The only way a gate reads a template in clear: the read is written to the gate's audit trail
 * (`<schema>.template_access`: who, when, which touchpoint) in the caller's transaction, then
 * the gallery entry is opened with the gallery key.
 */
export async function openGalleryTemplate(
  em: EntityManager,
  schema: string,
  cipher: GalleryCipher,
  entry: StoredGalleryEntry,
  read: TemplateRead,
): Promise<Float32Array> {
  assertSchemaName(schema);
  await em.query(
    `INSERT INTO ${schema}.template_access (template_id, accessor, touchpoint, purpose, accessed_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [entry.templateId, read.accessor, read.touchpoint, read.purpose, read.at],
  );
  return cipher.open(entry.templateId, entry.flightId, entry.sealed as SealedGalleryTemplate);
}

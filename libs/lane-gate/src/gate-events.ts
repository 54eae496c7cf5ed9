import type { EntityManager } from 'typeorm';
import type {
  AirportOutageChangedPayloadDto,
  CheckInDecidedPayloadDto,
  GalleryEntryStagedPayloadDto,
  TemplateDeletedPayloadDto,
} from '@biogate/contracts';
import type { Outage } from '@biogate/domain';
import { setOutage } from '@biogate/airport-outages';
import type { ConsumedEvent } from '@biogate/service-runtime';
import type { DeferredRows } from '@biogate/persistence';
import {
  forgetTemplate,
  galleryEntryOf,
  issuedPassOf,
  ISSUED_PASSES,
  STAGED_GALLERY_ENTRIES,
  type GateSchema,
} from './gate-read-model';

/** The gates' events whose effect is only rows for `later` (`applyGateEvent`). */
export const GATE_EVENTS_AS_ROWS: ReadonlySet<string> = new Set([
  'CheckInDecided',
  'GalleryEntryStaged',
]);

/**
 * What both gates learn from other services' events, into the same tables of their own schema:
 * the boarding passes issued, the sealed gallery of each flight, templates deleted (withdrawn
 * consent, retention) and the airport's outages. False for an event that is not one of these,
 * which the gate then applies itself or refuses.
 *
 * Passes and gallery entries are rows for `later` (a batch's are one statement); a template's
 * deletion and an outage are written at once, after the rows gathered before them, so that a
 * deletion is never overtaken by an entry it should remove.
 */
export async function applyGateEvent(
  em: EntityManager,
  schema: GateSchema,
  event: ConsumedEvent,
  later: DeferredRows,
): Promise<boolean> {
  switch (event.type) {
    case 'CheckInDecided': {
      const pass = issuedPassOf(event.payload as CheckInDecidedPayloadDto);
      if (pass !== undefined) later.add(ISSUED_PASSES[schema], pass);
      return true;
    }
    case 'GalleryEntryStaged': {
      const entry = event.payload as GalleryEntryStagedPayloadDto;
      later.add(STAGED_GALLERY_ENTRIES[schema], galleryEntryOf(entry, event.envelope.occurredAt));
      return true;
    }
    case 'TemplateDeleted': {
      const { templateId } = event.payload as TemplateDeletedPayloadDto;
      await later.flush(em);
      await forgetTemplate(em, schema, templateId);
      return true;
    }
    case 'AirportOutageChanged': {
      const { airport, outage, inForce, at } = event.payload as AirportOutageChangedPayloadDto;
      await later.flush(em);
      await setOutage(em, schema, airport, outage as Outage, inForce, new Date(at));
      return true;
    }
    default:
      return false;
  }
}

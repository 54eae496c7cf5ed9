import type {
  AirportOutageChangedPayloadDto,
  CheckInDecidedPayloadDto,
  GalleryEntryStagedPayloadDto,
  TemplateDeletedPayloadDto,
} from '@biogate/contracts';
import type { Outage } from '@biogate/domain';
import { setOutage } from '@biogate/airport-outages';
import { asRows, withStatements, type EventAppliers } from '@biogate/service-runtime';
import {
  forgetTemplate,
  galleryEntryOf,
  issuedPassOf,
  ISSUED_PASSES,
  STAGED_GALLERY_ENTRIES,
  type GateSchema,
} from './gate-read-model';

/**
 * What both gates learn from other services' events, into the same tables of their own schema:
 * the boarding passes issued, the sealed gallery of each flight, templates deleted (withdrawn
 * consent, retention) and the airport's outages. A gate adds the types only it reads.
 *
 * Passes and gallery entries are rows (a batch's are one statement); a template's deletion and
 * an outage are written at once, after the rows gathered before them, so that a deletion is
 * never overtaken by an entry it should remove.
 */
export function gateEventAppliers(schema: GateSchema): EventAppliers {
  return {
    CheckInDecided: asRows((event, later) => {
      const pass = issuedPassOf(event.payload as CheckInDecidedPayloadDto);
      if (pass !== undefined) later.add(ISSUED_PASSES[schema], pass);
    }),
    GalleryEntryStaged: asRows((event, later) => {
      const entry = event.payload as GalleryEntryStagedPayloadDto;
      later.add(STAGED_GALLERY_ENTRIES[schema], galleryEntryOf(entry, event.envelope.occurredAt));
    }),
    TemplateDeleted: withStatements(async (em, event, later) => {
      const { templateId } = event.payload as TemplateDeletedPayloadDto;
      await later.flush(em);
      await forgetTemplate(em, schema, templateId);
    }),
    AirportOutageChanged: withStatements(async (em, event, later) => {
      const { airport, outage, inForce, at } = event.payload as AirportOutageChangedPayloadDto;
      await later.flush(em);
      await setOutage(em, schema, airport, outage as Outage, inForce, new Date(at));
    }),
  };
}

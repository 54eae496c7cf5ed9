import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  eventsReadBy,
  AirportOutageChangedPayloadDto,
  CheckInDecidedPayloadDto,
  GalleryEntryStagedPayloadDto,
  TemplateDeletedPayloadDto,
} from '@biogate/contracts';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { setOutage } from '@biogate/airport-outages';
import { ServiceEventConsumer, type ConsumedEvent } from '@biogate/service-runtime';
import type { Outage } from '@biogate/domain';
import {
  forgetTemplate,
  galleryEntryOf,
  issuedPassOf,
  recordGalleryEntry,
  recordIssuedPass,
} from '@biogate/lane-gate';
import { SECURITY_SCHEMA } from './persistence/security-persistence';

/**
 * What the security gate learns from the other services: the boarding passes issued, the
 * sealed gallery of each flight, and templates deleted (withdrawn consent, retention).
 */
@Injectable()
export class SecurityEventsConsumer extends ServiceEventConsumer {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    const reads = eventsReadBy('security-gate');
    super(SECURITY_SCHEMA, 'security-gate', reads.topics, reads.accepted, unitOfWork, transport);
  }

  protected async apply(em: EntityManager, event: ConsumedEvent): Promise<void> {
    switch (event.type) {
      case 'CheckInDecided': {
        const pass = issuedPassOf(event.payload as CheckInDecidedPayloadDto);
        if (pass !== undefined) await recordIssuedPass(em, 'security', pass);
        return;
      }
      case 'GalleryEntryStaged': {
        const entry = event.payload as GalleryEntryStagedPayloadDto;
        await recordGalleryEntry(em, 'security', galleryEntryOf(entry, event.envelope.occurredAt));
        return;
      }
      case 'TemplateDeleted': {
        const { templateId } = event.payload as TemplateDeletedPayloadDto;
        await forgetTemplate(em, 'security', templateId);
        return;
      }
      case 'AirportOutageChanged': {
        const change = event.payload as AirportOutageChangedPayloadDto;
        await setOutage(
          em,
          SECURITY_SCHEMA,
          change.airport,
          change.outage as Outage,
          change.inForce,
          new Date(change.at),
        );
        return;
      }
      default:
        // parseEventMessage lets through only the types listed in the constructor.
        throw new Error(`security gate does not read ${event.type}`);
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  eventsReadBy,
  AirportOutageChangedPayloadDto,
  CheckInDecidedPayloadDto,
  GalleryEntryStagedPayloadDto,
  PassengerBookedPayloadDto,
  SecurityDecidedPayloadDto,
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
import { BOARDING_SCHEMA } from './persistence/boarding-persistence';
import { BoardingStore } from './persistence/boarding-store';

/**
 * What the boarding gate learns from the other services: the flights booked, boarding passes
 * issued, the sealed gallery of each flight, security clearances, and templates deleted.
 */
@Injectable()
export class BoardingEventsConsumer extends ServiceEventConsumer {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
    private readonly store: BoardingStore,
  ) {
    const reads = eventsReadBy('boarding-gate');
    super(BOARDING_SCHEMA, 'boarding-gate', reads.topics, reads.accepted, unitOfWork, transport);
  }

  protected async apply(em: EntityManager, event: ConsumedEvent): Promise<void> {
    switch (event.type) {
      case 'PassengerBooked': {
        const { flight } = event.payload as PassengerBookedPayloadDto;
        await this.store.recordScheduledFlight(em, flight);
        return;
      }
      case 'CheckInDecided': {
        const pass = issuedPassOf(event.payload as CheckInDecidedPayloadDto);
        if (pass !== undefined) await recordIssuedPass(em, 'boarding', pass);
        return;
      }
      case 'SecurityDecided': {
        const { passengerId, flight, cleared, at } = event.payload as SecurityDecidedPayloadDto;
        if (cleared) {
          await this.store.recordClearance(em, {
            passengerId,
            flightId: flight.flightId,
            clearedAt: new Date(at),
          });
        }
        return;
      }
      case 'GalleryEntryStaged': {
        const entry = event.payload as GalleryEntryStagedPayloadDto;
        await recordGalleryEntry(em, 'boarding', galleryEntryOf(entry, event.envelope.occurredAt));
        return;
      }
      case 'TemplateDeleted': {
        const { templateId } = event.payload as TemplateDeletedPayloadDto;
        await forgetTemplate(em, 'boarding', templateId);
        return;
      }
      case 'AirportOutageChanged': {
        const change = event.payload as AirportOutageChangedPayloadDto;
        await setOutage(
          em,
          BOARDING_SCHEMA,
          change.airport,
          change.outage as Outage,
          change.inForce,
          new Date(change.at),
        );
        return;
      }
      default:
        // parseEventMessage lets through only the types listed in the constructor.
        throw new Error(`boarding gate does not read ${event.type}`);
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AirportOutageChangedPayloadDto,
  CheckInDecidedPayloadDto,
  GalleryEntryStagedPayloadDto,
  PassengerBookedPayloadDto,
  SecurityDecidedPayloadDto,
  TemplateDeletedPayloadDto,
  TOPICS,
} from '@biogate/contracts';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { ServiceEventConsumer, setOutage, type ConsumedEvent } from '@biogate/service-runtime';
import type { Outage } from '@biogate/domain';
import { BOARDING_SCHEMA } from './persistence/boarding-persistence';
import {
  BoardingGalleryEntryRow,
  BoardingPassRow,
  SecurityClearanceRow,
} from './persistence/boarding.entities';

/**
 * What the boarding gate learns from the other services: the flights booked, boarding passes
 * issued, the sealed
 * gallery of each flight, security clearances, and templates deleted.
 */
@Injectable()
export class BoardingEventsConsumer extends ServiceEventConsumer {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    super(
      BOARDING_SCHEMA,
      'boarding-gate',
      [TOPICS.journey, TOPICS.gallery, TOPICS.identity, TOPICS.operations],
      {
        'PassengerBooked@1': PassengerBookedPayloadDto,
        'CheckInDecided@1': CheckInDecidedPayloadDto,
        'SecurityDecided@1': SecurityDecidedPayloadDto,
        'GalleryEntryStaged@1': GalleryEntryStagedPayloadDto,
        'TemplateDeleted@1': TemplateDeletedPayloadDto,
        'AirportOutageChanged@1': AirportOutageChangedPayloadDto,
      },
      unitOfWork,
      transport,
    );
  }

  protected async apply(em: EntityManager, event: ConsumedEvent): Promise<void> {
    switch (event.type) {
      case 'PassengerBooked': {
        const { flight } = event.payload as PassengerBookedPayloadDto;
        // A flight's facts never change. DO NOTHING takes no lock on a flight already known, so
        // the batches of other partitions booking the same flight do not wait for this one.
        await em.query(
          `INSERT INTO boarding.scheduled_flight
             (flight_id, carrier, flight_number, departure_date, origin)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [flight.flightId, flight.carrier, flight.number, flight.date, flight.origin],
        );
        return;
      }
      case 'CheckInDecided': {
        const { passengerId, flight, boardingPass } = event.payload as CheckInDecidedPayloadDto;
        if (boardingPass === undefined) return;
        await em.upsert(
          BoardingPassRow,
          {
            passengerId,
            bcbp: boardingPass.bcbp,
            flightId: flight.flightId,
            carrier: flight.carrier,
            flightNumber: flight.number,
            departureDate: flight.date,
            origin: flight.origin,
            destination: flight.destination,
            departureAt: new Date(flight.departureAt),
            international: flight.international,
            seat: boardingPass.seat,
          },
          ['passengerId'],
        );
        return;
      }
      case 'SecurityDecided': {
        const { passengerId, flight, cleared, at } = event.payload as SecurityDecidedPayloadDto;
        if (!cleared) return;
        await em.upsert(
          SecurityClearanceRow,
          { passengerId, flightId: flight.flightId, clearedAt: new Date(at) },
          ['passengerId', 'flightId'],
        );
        return;
      }
      case 'GalleryEntryStaged': {
        const entry = event.payload as GalleryEntryStagedPayloadDto;
        await em.upsert(
          BoardingGalleryEntryRow,
          {
            passengerId: entry.passengerId,
            flightId: entry.flight.flightId,
            templateId: entry.templateId,
            sealed: entry.sealed,
            departureAt: new Date(entry.flight.departureAt),
          },
          ['passengerId', 'flightId'],
        );
        return;
      }
      case 'TemplateDeleted': {
        const { templateId } = event.payload as TemplateDeletedPayloadDto;
        await em.delete(BoardingGalleryEntryRow, { templateId });
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

import { Inject, Injectable } from '@nestjs/common';
import {
  eventsReadBy,
  PassengerBookedPayloadDto,
  SecurityDecidedPayloadDto,
} from '@biogate/contracts';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { asRows, ServiceEventConsumer, type EventAppliers } from '@biogate/service-runtime';
import { gateEventAppliers } from '@biogate/lane-gate';
import { BOARDING_SCHEMA } from './persistence/boarding-persistence';
import { SCHEDULED_FLIGHTS, SECURITY_CLEARANCES } from './persistence/boarding-store';

/**
 * What the boarding gate learns from the other services: what both gates learn
 * (`gateEventAppliers`: passes issued, galleries, templates deleted, outages), the flights
 * booked and the security clearances.
 */
@Injectable()
export class BoardingEventsConsumer extends ServiceEventConsumer {
  protected readonly appliers: EventAppliers = {
    ...gateEventAppliers('boarding'),
    PassengerBooked: asRows((event, later) => {
      const { flight } = event.payload as PassengerBookedPayloadDto;
      later.add(SCHEDULED_FLIGHTS, flight);
    }),
    SecurityDecided: asRows((event, later) => {
      const { passengerId, flight, cleared, at } = event.payload as SecurityDecidedPayloadDto;
      if (cleared)
        later.add(SECURITY_CLEARANCES, {
          passengerId,
          flightId: flight.flightId,
          clearedAt: new Date(at),
        });
    }),
  };

  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    const reads = eventsReadBy('boarding-gate');
    super(BOARDING_SCHEMA, 'boarding-gate', reads.topics, reads.accepted, unitOfWork, transport);
  }
}

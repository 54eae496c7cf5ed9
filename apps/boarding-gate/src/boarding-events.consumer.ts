import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  eventsReadBy,
  PassengerBookedPayloadDto,
  SecurityDecidedPayloadDto,
} from '@biogate/contracts';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type DeferredRows, type UnitOfWork } from '@biogate/persistence';
import { ServiceEventConsumer, type ConsumedEvent } from '@biogate/service-runtime';
import { applyGateEvent, GATE_EVENTS_AS_ROWS } from '@biogate/lane-gate';
import { BOARDING_SCHEMA } from './persistence/boarding-persistence';
import { SCHEDULED_FLIGHTS, SECURITY_CLEARANCES } from './persistence/boarding-store';

/**
 * What the boarding gate learns from the other services: what both gates learn
 * (`applyGateEvent`: passes issued, galleries, templates deleted, outages), the flights booked
 * and the security clearances.
 */
@Injectable()
export class BoardingEventsConsumer extends ServiceEventConsumer {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
  ) {
    const reads = eventsReadBy('boarding-gate');
    super(BOARDING_SCHEMA, 'boarding-gate', reads.topics, reads.accepted, unitOfWork, transport);
  }

  protected override appliesAsRows(type: string): boolean {
    return (
      type === 'PassengerBooked' || type === 'SecurityDecided' || GATE_EVENTS_AS_ROWS.has(type)
    );
  }

  protected async apply(
    em: EntityManager,
    event: ConsumedEvent,
    later: DeferredRows,
  ): Promise<void> {
    switch (event.type) {
      case 'PassengerBooked': {
        const { flight } = event.payload as PassengerBookedPayloadDto;
        later.add(SCHEDULED_FLIGHTS, flight);
        return;
      }
      case 'SecurityDecided': {
        const { passengerId, flight, cleared, at } = event.payload as SecurityDecidedPayloadDto;
        if (cleared)
          later.add(SECURITY_CLEARANCES, {
            passengerId,
            flightId: flight.flightId,
            clearedAt: new Date(at),
          });
        return;
      }
      default:
        // parseEventMessage lets through only the types listed in the constructor.
        if (!(await applyGateEvent(em, 'boarding', event, later)))
          throw new Error(`boarding gate does not read ${event.type}`);
    }
  }
}

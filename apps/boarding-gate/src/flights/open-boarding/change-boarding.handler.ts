import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  BOARDING_CHANGED,
  ConflictError,
  NotFoundError,
  TOPICS,
  type BoardingChangedV1,
} from '@biogate/contracts';
import { EventStamp } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import type { AirportRegistry } from '@biogate/reference-data';
import { AIRPORT_REGISTRY, assertAirportScope, assertKnownAirport } from '@biogate/service-runtime';
import { BoardingStore, type FlightBoarding } from '../../persistence/boarding-store';
import { BoardingOutbox } from '../../boarding-outbox';
import type { FlightBoardingView } from '../flight-boarding.view';
import { ChangeBoardingCommand } from './change-boarding.command';

@CommandHandler(ChangeBoardingCommand)
export class ChangeBoardingHandler implements ICommandHandler<
  ChangeBoardingCommand,
  FlightBoardingView
> {
  constructor(
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(AIRPORT_REGISTRY) private readonly airports: AirportRegistry,
    private readonly outbox: BoardingOutbox,
    private readonly store: BoardingStore,
  ) {}

  async execute({
    principal,
    flight,
    change,
    at,
  }: ChangeBoardingCommand): Promise<FlightBoardingView> {
    assertAirportScope(principal, flight.airport);
    assertKnownAirport(this.airports, flight.airport);
    const key = {
      carrier: flight.carrier,
      flightNumber: flight.number,
      departureDate: flight.date,
      origin: flight.airport,
    };
    const changedAt = new Date(at);
    const row = await this.unitOfWork.transaction(async (em) => {
      // Only a flight booked from this airport has a boarding to open or close.
      if (!(await this.store.isScheduled(em, key))) {
        throw new NotFoundError(
          `no flight ${flight.carrier}${flight.number} on ${flight.date} from ${flight.airport} is booked`,
        );
      }
      const current = await this.store.flightBoarding(em, key);
      if (change.state === 'CLOSED' && !current) {
        throw new ConflictError(
          `boarding of ${flight.carrier}${flight.number} on ${flight.date} was never opened`,
        );
      }
      const next: FlightBoarding = {
        ...key,
        gate: change.state === 'OPEN' ? change.gate : (current?.gate ?? ''),
        state: change.state,
        changedAt,
      };
      await this.store.saveFlightBoarding(em, next);
      // The operators' console follows boarding from this event.
      const events = new EventStamp('boarding', changedAt.toISOString(), randomUUID());
      await this.outbox.append(em, [
        {
          topic: TOPICS.operations,
          envelope: events.stamp<BoardingChangedV1>({
            ...BOARDING_CHANGED,
            key: flight.airport,
            payload: {
              airport: flight.airport,
              carrier: flight.carrier,
              number: flight.number,
              date: flight.date,
              gate: next.gate,
              state: change.state,
              at: events.occurredAt,
            },
          }),
        },
      ]);
      return next;
    });
    return {
      airport: row.origin,
      carrier: row.carrier,
      number: row.flightNumber,
      date: row.departureDate,
      gate: row.gate,
      state: row.state,
      changedAt: row.changedAt.toISOString(),
    };
  }
}

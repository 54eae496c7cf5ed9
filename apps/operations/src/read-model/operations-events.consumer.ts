import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  eventsReadBy,
  AirportOutageChangedPayloadDto,
  BoardingChangedPayloadDto,
  BoardingDecidedPayloadDto,
  CheckInDecidedPayloadDto,
  LaneAlertRaisedPayloadDto,
  PassengerBookedPayloadDto,
  QueuesObservedPayloadDto,
  SecurityDecidedPayloadDto,
} from '@biogate/contracts';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type DeferredRows, type UnitOfWork } from '@biogate/persistence';
import { setOutage } from '@biogate/airport-outages';
import { PHASE_POLICY, ServiceEventConsumer, type ConsumedEvent } from '@biogate/service-runtime';
import type { Outage, PhasePolicy } from '@biogate/domain';
import { OPERATIONS_SCHEMA } from '../persistence/operations-persistence';
import {
  ALERTS,
  BOARDING_CHANGES,
  BOOKED_FLIGHTS,
  BOOKED_PASSENGERS,
  PASSENGER_PROGRESS,
  QUEUE_QUARTERS,
  QUEUE_READINGS,
  STEP_TALLIES,
  STEPS,
} from '../persistence/read-model-rows';
import { bookingRows, queueRows, raisedAlertRow, stepRows } from './learnt-rows';
import { quarterOf } from './quarter-hours';
import { ReadModelChanges } from './read-model-changes';
import { boardingStep, checkInStep, securityStep, type StepRecord } from './step-record';

/**
 * The operators' read model, from the events alone (it reads no other service's tables): every
 * decision at every touchpoint, the flights and their boarding, the alerts and the outages.
 * Applied once per event (the idempotent consumer), so a redelivery changes nothing; a batch's
 * rows are written together when it has been applied (`read-model-rows`).
 */
@Injectable()
export class OperationsEventsConsumer extends ServiceEventConsumer {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    private readonly changes: ReadModelChanges,
  ) {
    const reads = eventsReadBy('operations');
    super(OPERATIONS_SCHEMA, 'operations', reads.topics, reads.accepted, unitOfWork, transport);
  }

  /** An outage is written at once (`setOutage`); every other event is rows for the batch. */
  protected override appliesAsRows(type: string): boolean {
    return type !== 'AirportOutageChanged';
  }

  protected async apply(
    em: EntityManager,
    event: ConsumedEvent,
    later: DeferredRows,
  ): Promise<void> {
    const airport = await this.applyEvent(em, event, later);
    this.unitOfWork.afterCommit(em, () => {
      this.changes.changed(airport);
    });
  }

  /** Applies one event (its rows are written with the batch's); answers the airport it changed. */
  private async applyEvent(
    em: EntityManager,
    event: ConsumedEvent,
    later: DeferredRows,
  ): Promise<string> {
    switch (event.type) {
      case 'PassengerBooked': {
        const { flight, passenger } = bookingRows(event.payload as PassengerBookedPayloadDto);
        later.add(BOOKED_FLIGHTS, flight);
        later.add(BOOKED_PASSENGERS, passenger);
        return flight.airport;
      }
      case 'CheckInDecided':
        return this.recordStep(later, checkInStep(event.payload as CheckInDecidedPayloadDto));
      case 'SecurityDecided':
        return this.recordStep(later, securityStep(event.payload as SecurityDecidedPayloadDto));
      case 'BoardingDecided':
        return this.recordStep(later, boardingStep(event.payload as BoardingDecidedPayloadDto));
      case 'LaneAlertRaised': {
        const alert = raisedAlertRow(event.payload as LaneAlertRaisedPayloadDto);
        later.add(ALERTS, alert);
        return alert.airport;
      }
      case 'BoardingChanged': {
        const { airport, carrier, number, date, gate, state, at } =
          event.payload as BoardingChangedPayloadDto;
        later.add(BOARDING_CHANGES, { airport, carrier, number, date, gate, state, at });
        return airport;
      }
      case 'AirportOutageChanged': {
        // Keyed by airport: the changes of one airport come in the order they were made.
        const { airport, outage, inForce, at } = event.payload as AirportOutageChangedPayloadDto;
        await setOutage(em, OPERATIONS_SCHEMA, airport, outage as Outage, inForce, new Date(at));
        return airport;
      }
      case 'QueuesObserved': {
        const observed = event.payload as QueuesObservedPayloadDto;
        const { readings, quarters } = queueRows(observed, this.quarterOf(observed.at));
        for (const reading of readings) later.add(QUEUE_READINGS, reading);
        for (const worst of quarters) later.add(QUEUE_QUARTERS, worst);
        return observed.airport;
      }
      default:
        // parseEventMessage lets through only the types listed in the constructor.
        throw new Error(`the operations service does not read ${event.type}`);
    }
  }

  private recordStep(later: DeferredRows, record: StepRecord): string {
    const { step, tally, progress } = stepRows(record, this.quarterOf(record.at));
    later.add(STEPS, step);
    later.add(STEP_TALLIES, tally);
    if (progress !== undefined) later.add(PASSENGER_PROGRESS, progress);
    return record.airport;
  }

  /** The quarter hour of the local day an instant falls in, as an ISO instant. */
  private quarterOf(at: Date | string): string {
    const instant = typeof at === 'string' ? Date.parse(at) : at.getTime();
    return new Date(quarterOf(instant, this.policy.compiled.utcOffsetMinutes)).toISOString();
  }
}

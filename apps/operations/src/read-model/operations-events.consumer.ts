import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  eventsReadBy,
  AirportOutageChangedPayloadDto,
  BoardingChangedPayloadDto,
  BoardingDecidedPayloadDto,
  CheckInDecidedPayloadDto,
  FlightRefDto,
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
  type PassengerProgressRow,
} from '../persistence/read-model-rows';
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
        const { passengerId, surname, givenName, flight } =
          event.payload as PassengerBookedPayloadDto;
        const key = flightKeyOf(flight);
        later.add(BOOKED_FLIGHTS, {
          ...key,
          destination: flight.destination,
          departureAt: flight.departureAt,
        });
        later.add(BOOKED_PASSENGERS, { passengerId, ...key, surname, givenName });
        return key.airport;
      }
      case 'CheckInDecided':
        return this.recordStep(later, checkInStep(event.payload as CheckInDecidedPayloadDto));
      case 'SecurityDecided':
        return this.recordStep(later, securityStep(event.payload as SecurityDecidedPayloadDto));
      case 'BoardingDecided':
        return this.recordStep(later, boardingStep(event.payload as BoardingDecidedPayloadDto));
      case 'LaneAlertRaised': {
        const alert = event.payload as LaneAlertRaisedPayloadDto;
        later.add(ALERTS, {
          alertId: alert.alertId,
          airport: alert.airport,
          touchpoint: alert.touchpoint,
          lane: alert.lane,
          gate: alert.gate ?? null,
          kind: alert.kind,
          detail: alert.detail,
          raisedAt: alert.at,
          passengerId: alert.passengerId ?? null,
          flight:
            alert.flight === undefined ? null : `${alert.flight.carrier}${alert.flight.number}`,
        });
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
        const { airport, at, readings } = event.payload as QueuesObservedPayloadDto;
        const quarter = this.quarterOf(at).toISOString();
        for (const { queue, length, waitSeconds } of readings) {
          later.add(QUEUE_READINGS, { airport, queue, at, length, waitSeconds });
          later.add(QUEUE_QUARTERS, {
            airport,
            quarter,
            queue,
            maxLength: length,
            maxWaitSeconds: waitSeconds,
          });
        }
        return airport;
      }
      default:
        // parseEventMessage lets through only the types listed in the constructor.
        throw new Error(`the operations service does not read ${event.type}`);
    }
  }

  /**
   * What a decision leaves: the passenger's step, the quarter's tally, and, when the step let
   * them on, where they have got to (the flight row comes from the booking, which precedes every
   * step on the passenger's partition).
   */
  private recordStep(later: DeferredRows, step: StepRecord): string {
    const at = step.at.toISOString();
    const { passengerId, airport, touchpoint, point, outcome, reason, redirectTo } = step;
    later.add(STEPS, {
      passengerId,
      airport,
      touchpoint,
      point,
      at,
      outcome,
      reason,
      redirectTo,
      compared: step.compared,
      matched: step.matched,
    });
    later.add(STEP_TALLIES, {
      airport,
      quarter: this.quarterOf(step.at).toISOString(),
      touchpoint,
      point,
      outcome,
      reason,
      redirectTo,
      presentations: 1,
      compared: step.compared ? 1 : 0,
      matched: step.matched ? 1 : 0,
    });
    if (step.done) later.add(PASSENGER_PROGRESS, progressOf(step, at));
    return airport;
  }

  /** The quarter hour of the local day an instant falls in. */
  private quarterOf(at: Date | string): Date {
    const instant = typeof at === 'string' ? Date.parse(at) : at.getTime();
    return new Date(quarterOf(instant, this.policy.compiled.utcOffsetMinutes));
  }
}

function flightKeyOf(flight: FlightRefDto) {
  return {
    airport: flight.origin,
    carrier: flight.carrier,
    number: flight.number,
    date: flight.date,
  };
}

/** The touchpoint a step let the passenger through, and only that one. */
function progressOf(step: StepRecord, at: string): PassengerProgressRow {
  const row = { passengerId: step.passengerId, ...flightKeyOf(step.flight), airport: step.airport };
  switch (step.touchpoint) {
    case 'CHECK_IN':
      return {
        ...row,
        checkIn: {
          at,
          channel: step.point,
          seat: step.pass?.seat ?? null,
          bcbp: step.pass?.bcbp ?? null,
        },
      };
    case 'SECURITY':
      return { ...row, security: { at, lane: step.point } };
    case 'BOARDING':
      return { ...row, boarding: { at, lane: step.point } };
  }
}

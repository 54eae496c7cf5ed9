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
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { setOutage } from '@biogate/airport-outages';
import { PHASE_POLICY, ServiceEventConsumer, type ConsumedEvent } from '@biogate/service-runtime';
import type { Outage, PhasePolicy } from '@biogate/domain';
import { OPERATIONS_SCHEMA } from '../persistence/operations-persistence';
import { OperationsStore } from '../persistence/operations-store';
import { quarterOf } from './quarter-hours';
import { ReadModelChanges } from './read-model-changes';
import { boardingStep, checkInStep, securityStep, type StepRecord } from './step-record';

/**
 * The operators' read model, from the events alone (it reads no other service's tables): every
 * decision at every touchpoint, the flights and their boarding, the alerts and the outages.
 * Applied once per event (the idempotent consumer), so a redelivery changes nothing.
 */
@Injectable()
export class OperationsEventsConsumer extends ServiceEventConsumer {
  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    private readonly store: OperationsStore,
    private readonly changes: ReadModelChanges,
  ) {
    const reads = eventsReadBy('operations');
    super(OPERATIONS_SCHEMA, 'operations', reads.topics, reads.accepted, unitOfWork, transport);
  }

  protected async apply(em: EntityManager, event: ConsumedEvent): Promise<void> {
    const airport = await this.applyEvent(em, event);
    this.unitOfWork.afterCommit(em, () => {
      this.changes.changed(airport);
    });
  }

  /** Applies one event; answers the airport whose view it changed. */
  private async applyEvent(em: EntityManager, event: ConsumedEvent): Promise<string> {
    switch (event.type) {
      case 'PassengerBooked': {
        const booked = event.payload as PassengerBookedPayloadDto;
        await this.store.recordBooking(em, booked);
        return booked.flight.origin;
      }
      case 'CheckInDecided':
        return this.recordStep(em, checkInStep(event.payload as CheckInDecidedPayloadDto));
      case 'SecurityDecided':
        return this.recordStep(em, securityStep(event.payload as SecurityDecidedPayloadDto));
      case 'BoardingDecided':
        return this.recordStep(em, boardingStep(event.payload as BoardingDecidedPayloadDto));
      case 'LaneAlertRaised': {
        const alert = event.payload as LaneAlertRaisedPayloadDto;
        await this.store.recordAlert(em, alert);
        return alert.airport;
      }
      case 'BoardingChanged': {
        const change = event.payload as BoardingChangedPayloadDto;
        await this.store.changeBoarding(em, change);
        return change.airport;
      }
      case 'AirportOutageChanged': {
        // Keyed by airport: the changes of one airport come in the order they were made.
        const { airport, outage, inForce, at } = event.payload as AirportOutageChangedPayloadDto;
        await setOutage(em, OPERATIONS_SCHEMA, airport, outage as Outage, inForce, new Date(at));
        return airport;
      }
      case 'QueuesObserved': {
        const observed = event.payload as QueuesObservedPayloadDto;
        await this.store.recordQueues(em, observed, this.quarterOf(observed.at));
        return observed.airport;
      }
      default:
        // parseEventMessage lets through only the types listed in the constructor.
        throw new Error(`the operations service does not read ${event.type}`);
    }
  }

  private async recordStep(em: EntityManager, step: StepRecord): Promise<string> {
    await this.store.recordStep(em, step, this.quarterOf(step.at));
    return step.airport;
  }

  /** The quarter hour of the local day an instant falls in. */
  private quarterOf(at: Date | string): Date {
    const instant = typeof at === 'string' ? Date.parse(at) : at.getTime();
    return new Date(quarterOf(instant, this.policy.compiled.utcOffsetMinutes));
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AirportOutageChangedPayloadDto,
  BoardingChangedPayloadDto,
  BoardingDecidedPayloadDto,
  CheckInDecidedPayloadDto,
  LaneAlertRaisedPayloadDto,
  PassengerBookedPayloadDto,
  QueuesObservedPayloadDto,
  SecurityDecidedPayloadDto,
  TOPICS,
} from '@biogate/contracts';
import { EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { UNIT_OF_WORK, type UnitOfWork } from '@biogate/persistence';
import { PHASE_POLICY, ServiceEventConsumer, type ConsumedEvent } from '@biogate/service-runtime';
import type { PhasePolicy } from '@biogate/domain';
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
    @Inject(UNIT_OF_WORK) private readonly unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    private readonly store: OperationsStore,
    private readonly changes: ReadModelChanges,
  ) {
    super(
      OPERATIONS_SCHEMA,
      'operations',
      [TOPICS.journey, TOPICS.operations],
      {
        'PassengerBooked@1': PassengerBookedPayloadDto,
        'CheckInDecided@1': CheckInDecidedPayloadDto,
        'SecurityDecided@1': SecurityDecidedPayloadDto,
        'BoardingDecided@1': BoardingDecidedPayloadDto,
        'LaneAlertRaised@1': LaneAlertRaisedPayloadDto,
        'BoardingChanged@1': BoardingChangedPayloadDto,
        'AirportOutageChanged@1': AirportOutageChangedPayloadDto,
        'QueuesObserved@1': QueuesObservedPayloadDto,
      },
      unitOfWork,
      transport,
    );
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
      case 'CheckInDecided': {
        const decided = event.payload as CheckInDecidedPayloadDto;
        const pass = decided.boardingPass;
        return this.recordStep(em, checkInStep(decided), decided, {
          ...(pass === undefined ? {} : { pass }),
          done: pass !== undefined,
        });
      }
      case 'SecurityDecided': {
        const decided = event.payload as SecurityDecidedPayloadDto;
        return this.recordStep(em, securityStep(decided), decided, { done: decided.cleared });
      }
      case 'BoardingDecided': {
        const decided = event.payload as BoardingDecidedPayloadDto;
        return this.recordStep(em, boardingStep(decided), decided, { done: decided.boarded });
      }
      case 'LaneAlertRaised': {
        const alert = event.payload as LaneAlertRaisedPayloadDto;
        await this.store.recordAlert(em, {
          alertId: alert.alertId,
          airport: alert.airport,
          touchpoint: alert.touchpoint,
          lane: alert.lane,
          gate: alert.gate,
          kind: alert.kind,
          detail: alert.detail,
          at: new Date(alert.at),
          passengerId: alert.passengerId,
          flight: alert.flight && `${alert.flight.carrier}${alert.flight.number}`,
        });
        return alert.airport;
      }
      case 'BoardingChanged': {
        const change = event.payload as BoardingChangedPayloadDto;
        await this.store.changeBoarding(em, change, {
          gate: change.gate,
          state: change.state,
          at: new Date(change.at),
        });
        return change.airport;
      }
      case 'AirportOutageChanged': {
        const change = event.payload as AirportOutageChangedPayloadDto;
        await this.store.setOutage(em, {
          airport: change.airport,
          outage: change.outage,
          inForce: change.inForce,
          at: new Date(change.at),
        });
        return change.airport;
      }
      case 'QueuesObserved': {
        const observed = event.payload as QueuesObservedPayloadDto;
        const at = new Date(observed.at);
        const quarter = quarterOf(at.getTime(), this.policy.compiled.utcOffsetMinutes);
        await this.store.recordQueues(
          em,
          observed.airport,
          at,
          new Date(quarter),
          observed.readings,
        );
        return observed.airport;
      }
      default:
        // parseEventMessage lets through only the types listed in the constructor.
        throw new Error(`the operations service does not read ${event.type}`);
    }
  }

  private async recordStep(
    em: EntityManager,
    step: StepRecord,
    decided: CheckInDecidedPayloadDto | SecurityDecidedPayloadDto | BoardingDecidedPayloadDto,
    progress: { pass?: { seat: string; bcbp: string }; done: boolean },
  ): Promise<string> {
    const quarter = new Date(quarterOf(step.at.getTime(), this.policy.compiled.utcOffsetMinutes));
    await this.store.recordStep(em, step, quarter, decided.flight, progress);
    return step.airport;
  }
}

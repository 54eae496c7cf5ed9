import { Inject, Injectable } from '@nestjs/common';
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
import {
  asRows,
  PHASE_POLICY,
  ServiceEventConsumer,
  withStatements,
  type ConsumedEvent,
  type EventAppliers,
  type RowsApplier,
} from '@biogate/service-runtime';
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
  /** An outage is written at once (`setOutage`); every other event is rows for the batch. */
  protected readonly appliers: EventAppliers = {
    PassengerBooked: this.rows((event, later) => {
      const { flight, passenger } = bookingRows(event.payload as PassengerBookedPayloadDto);
      later.add(BOOKED_FLIGHTS, flight);
      later.add(BOOKED_PASSENGERS, passenger);
      return flight.airport;
    }),
    CheckInDecided: this.rows((event, later) =>
      this.recordStep(later, checkInStep(event.payload as CheckInDecidedPayloadDto)),
    ),
    SecurityDecided: this.rows((event, later) =>
      this.recordStep(later, securityStep(event.payload as SecurityDecidedPayloadDto)),
    ),
    BoardingDecided: this.rows((event, later) =>
      this.recordStep(later, boardingStep(event.payload as BoardingDecidedPayloadDto)),
    ),
    LaneAlertRaised: this.rows((event, later) => {
      const alert = raisedAlertRow(event.payload as LaneAlertRaisedPayloadDto);
      later.add(ALERTS, alert);
      return alert.airport;
    }),
    BoardingChanged: this.rows((event, later) => {
      const { airport, carrier, number, date, gate, state, at } =
        event.payload as BoardingChangedPayloadDto;
      later.add(BOARDING_CHANGES, { airport, carrier, number, date, gate, state, at });
      return airport;
    }),
    AirportOutageChanged: withStatements(async (em, event, _later, onCommit) => {
      // Keyed by airport: the changes of one airport come in the order they were made.
      const { airport, outage, inForce, at } = event.payload as AirportOutageChangedPayloadDto;
      await setOutage(em, OPERATIONS_SCHEMA, airport, outage as Outage, inForce, new Date(at));
      onCommit(() => {
        this.changes.changed(airport);
      });
    }),
    QueuesObserved: this.rows((event, later) => {
      const observed = event.payload as QueuesObservedPayloadDto;
      const { readings, quarters } = queueRows(observed, this.quarterOf(observed.at));
      for (const reading of readings) later.add(QUEUE_READINGS, reading);
      for (const worst of quarters) later.add(QUEUE_QUARTERS, worst);
      return observed.airport;
    }),
  };

  constructor(
    @Inject(UNIT_OF_WORK) unitOfWork: UnitOfWork,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
    @Inject(PHASE_POLICY) private readonly policy: PhasePolicy,
    private readonly changes: ReadModelChanges,
  ) {
    const reads = eventsReadBy('operations');
    super(OPERATIONS_SCHEMA, 'operations', reads.topics, reads.accepted, unitOfWork, transport);
  }

  /** Rows for the batch; once they are committed, the airport they changed is told to watchers. */
  private rows(rowsOf: (event: ConsumedEvent, later: DeferredRows) => string): RowsApplier {
    return asRows((event, later, onCommit) => {
      const airport = rowsOf(event, later);
      onCommit(() => {
        this.changes.changed(airport);
      });
    });
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

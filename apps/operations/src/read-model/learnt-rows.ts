import type {
  FlightRefDto,
  LaneAlertRaisedPayloadDto,
  PassengerBookedPayloadDto,
  QueuesObservedPayloadDto,
} from '@biogate/contracts';
import type {
  BookedFlightRow,
  BookedPassengerRow,
  PassengerProgressRow,
  QueueQuarterRow,
  QueueReadingRow,
  RaisedAlertRow,
  StepRow,
  StepTallyRow,
} from '../persistence/read-model-rows';
import type { StepRecord } from './step-record';

/** What the read model learns from an event, as the rows `read-model-rows` writes. */

function flightKeyOf(flight: FlightRefDto) {
  return {
    airport: flight.origin,
    carrier: flight.carrier,
    number: flight.number,
    date: flight.date,
  };
}

/** A booking names its flight (where it goes, when) and its passenger. */
export function bookingRows(booked: PassengerBookedPayloadDto): {
  flight: BookedFlightRow;
  passenger: BookedPassengerRow;
} {
  const key = flightKeyOf(booked.flight);
  return {
    flight: {
      ...key,
      destination: booked.flight.destination,
      departureAt: booked.flight.departureAt,
    },
    passenger: {
      passengerId: booked.passengerId,
      ...key,
      surname: booked.surname,
      givenName: booked.givenName,
    },
  };
}

/**
 * What a decision leaves: the passenger's step, its count in the quarter's tally, and, when the
 * step let them on, where they have got to (only that touchpoint's columns).
 */
export function stepRows(
  step: StepRecord,
  quarter: string,
): { step: StepRow; tally: StepTallyRow; progress?: PassengerProgressRow } {
  const at = step.at.toISOString();
  const { passengerId, airport, touchpoint, point, outcome, reason, redirectTo } = step;
  const decided = { touchpoint, point, outcome, reason, redirectTo };
  return {
    step: { passengerId, airport, at, ...decided, compared: step.compared, matched: step.matched },
    tally: {
      airport,
      quarter,
      ...decided,
      presentations: 1,
      compared: step.compared ? 1 : 0,
      matched: step.matched ? 1 : 0,
    },
    ...(step.done ? { progress: progressOf(step, at) } : {}),
  };
}

function progressOf(step: StepRecord, at: string): PassengerProgressRow {
  const row = { passengerId: step.passengerId, ...flightKeyOf(step.flight), airport: step.airport };
  switch (step.touchpoint) {
    case 'CHECK_IN': {
      const { seat = null, bcbp = null } = step.pass ?? {};
      return { ...row, checkIn: { at, channel: step.point, seat, bcbp } };
    }
    case 'SECURITY':
      return { ...row, security: { at, lane: step.point } };
    case 'BOARDING':
      return { ...row, boarding: { at, lane: step.point } };
  }
}

export function raisedAlertRow(alert: LaneAlertRaisedPayloadDto): RaisedAlertRow {
  return {
    alertId: alert.alertId,
    airport: alert.airport,
    touchpoint: alert.touchpoint,
    lane: alert.lane,
    gate: alert.gate ?? null,
    kind: alert.kind,
    detail: alert.detail,
    raisedAt: alert.at,
    passengerId: alert.passengerId ?? null,
    flight: alert.flight === undefined ? null : `${alert.flight.carrier}${alert.flight.number}`,
  };
}

/** Each queue's reading, and the same as a candidate for its quarter's worst. */
export function queueRows(
  observed: QueuesObservedPayloadDto,
  quarter: string,
): { readings: QueueReadingRow[]; quarters: QueueQuarterRow[] } {
  const { airport, at, readings } = observed;
  return {
    readings: readings.map(({ queue, length, waitSeconds }) => ({
      airport,
      queue,
      at,
      length,
      waitSeconds,
    })),
    quarters: readings.map(({ queue, length, waitSeconds }) => ({
      airport,
      quarter,
      queue,
      maxLength: length,
      maxWaitSeconds: waitSeconds,
    })),
  };
}

import type { Outage } from '@biogate/domain';
import type { FlightRef } from './journey-events';

/** An outage declared or cleared by an airport's operators; keyed by airport code. */
export interface AirportOutageChangedV1 {
  readonly airport: string;
  readonly outage: Outage;
  readonly inForce: boolean;
  readonly at: string;
}

export const AIRPORT_OUTAGE_CHANGED = { type: 'AirportOutageChanged', version: 1 } as const;

/**
 * An alert raised at a security lane or a boarding gate (an impostor, a presentation attack, a
 * pass shown again, ...); keyed by airport code. An unknown pass names no passenger nor flight.
 */
export interface LaneAlertRaisedV1 {
  readonly alertId: string;
  readonly airport: string;
  readonly touchpoint: 'SECURITY' | 'BOARDING';
  readonly lane: 'AUTOMATED' | 'MANUAL';
  /** The boarding gate, at BOARDING only. */
  readonly gate?: string;
  readonly kind: string;
  readonly detail: string;
  readonly at: string;
  readonly passengerId?: string;
  readonly flight?: FlightRef;
}

export const LANE_ALERT_RAISED = { type: 'LaneAlertRaised', version: 1 } as const;

/** Boarding of a flight opened at a gate, or closed; keyed by airport code. */
export interface BoardingChangedV1 {
  readonly airport: string;
  readonly carrier: string;
  readonly number: string;
  /** Local date of departure, YYYY-MM-DD. */
  readonly date: string;
  readonly gate: string;
  readonly state: 'OPEN' | 'CLOSED';
  readonly at: string;
}

export const BOARDING_CHANGED = { type: 'BoardingChanged', version: 1 } as const;

/** The queues an airport's sensors watch, one per touchpoint and kind of resource. */
export const QUEUES = [
  'CHECK_IN_COUNTER',
  'CHECK_IN_KIOSK',
  'CHECK_IN_BIOMETRIC',
  'BAG_DROP',
  'SECURITY_ID_MANUAL',
  'SECURITY_EGATE',
  'SECURITY_SCREENING',
  'BOARDING_EGATE',
  'BOARDING_MANUAL',
] as const;
export type QueueName = (typeof QUEUES)[number];

/** One queue as a sensor sees it: how many wait, and how long the first in line has waited. */
export interface QueueReading {
  readonly queue: QueueName;
  readonly length: number;
  readonly waitSeconds: number;
}

/** Queue sensors' readings at an airport at one instant; keyed by airport code. */
export interface QueuesObservedV1 {
  readonly airport: string;
  readonly at: string;
  readonly readings: readonly QueueReading[];
}

export const QUEUES_OBSERVED = { type: 'QueuesObserved', version: 1 } as const;

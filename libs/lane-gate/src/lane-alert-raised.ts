import { randomUUID } from 'node:crypto';
import { LANE_ALERT_RAISED, TOPICS, type LaneAlertRaisedV1 } from '@biogate/contracts';
import type { Lane } from '@biogate/domain';
import type { EventStamp, OutboxEntry } from '@biogate/messaging';
import { flightOfPass, type LanePass } from './lane-pass';

/** Where a lane alert was raised. */
export interface AlertPlace {
  readonly airport: string;
  readonly touchpoint: 'SECURITY' | 'BOARDING';
  readonly lane: Lane;
  readonly gate?: string;
}

/** An alert as a gate keeps it and announces it: its id is the same in both. */
export interface RaisedAlert<K extends string> {
  readonly alertId: string;
  readonly kind: K;
  readonly detail: string;
}

/** Gives the alert of a presentation, if any, the id it is kept and announced under. */
export function raiseAlert<K extends string>(
  alert: { readonly kind: K; readonly detail: string } | undefined,
): RaisedAlert<K> | undefined {
  return alert === undefined ? undefined : { alertId: randomUUID(), ...alert };
}

/**
 * What a gate announces of an alert, on the operations topic keyed by airport, for the operators'
 * console: an unknown pass names no passenger and no flight.
 */
export function laneAlertRaised(
  events: EventStamp,
  place: AlertPlace,
  pass: LanePass | undefined,
  alert: RaisedAlert<string> | undefined,
): OutboxEntry[] {
  if (alert === undefined) return [];
  return [
    {
      topic: TOPICS.operations,
      envelope: events.stamp<LaneAlertRaisedV1>({
        ...LANE_ALERT_RAISED,
        key: place.airport,
        payload: {
          alertId: alert.alertId,
          airport: place.airport,
          touchpoint: place.touchpoint,
          lane: place.lane,
          ...(place.gate === undefined ? {} : { gate: place.gate }),
          kind: alert.kind,
          detail: alert.detail,
          at: events.occurredAt,
          ...(pass === undefined
            ? {}
            : { passengerId: pass.passengerId, flight: flightOfPass(pass) }),
        },
      }),
    },
  ];
}

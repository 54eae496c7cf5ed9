import {
  BOARDING_DECIDED,
  TOPICS,
  type BoardingDecidedV1,
  type StepDecision,
} from '@biogate/contracts';
import { flightOfPass, type LanePass } from '@biogate/lane-gate';
import type { Lane } from '@biogate/domain';
import type { EventStamp, OutboxEntry } from '@biogate/messaging';

/**
 * What the boarding gate announces of a presentation, on the journey topic keyed by passenger:
 * nothing when the pass is unknown (no passenger to key it by).
 */
export function boardingDecided(
  events: EventStamp,
  pass: LanePass | undefined,
  where: { readonly airport: string; readonly gate: string; readonly lane: Lane },
  decision: StepDecision,
  boarded: boolean,
): OutboxEntry[] {
  if (pass === undefined) return [];
  return [
    {
      topic: TOPICS.journey,
      envelope: events.stamp<BoardingDecidedV1>({
        ...BOARDING_DECIDED,
        key: pass.passengerId,
        payload: {
          passengerId: pass.passengerId,
          flight: flightOfPass(pass),
          airport: where.airport,
          gate: where.gate,
          lane: where.lane,
          at: events.occurredAt,
          decision,
          boarded,
        },
      }),
    },
  ];
}

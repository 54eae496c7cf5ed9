import {
  SECURITY_DECIDED,
  TOPICS,
  type SecurityDecidedV1,
  type StepDecision,
} from '@biogate/contracts';
import { flightOfPass, type LanePass } from '@biogate/lane-gate';
import type { Lane } from '@biogate/domain';
import type { EventStamp, OutboxEntry } from '@biogate/messaging';

/**
 * What the security gate announces of a presentation, on the journey topic keyed by passenger:
 * nothing when the pass is unknown (no passenger to key it by).
 */
export function securityDecided(
  events: EventStamp,
  pass: LanePass | undefined,
  where: { readonly airport: string; readonly lane: Lane },
  decision: StepDecision,
  cleared: boolean,
): OutboxEntry[] {
  if (pass === undefined) return [];
  return [
    {
      topic: TOPICS.journey,
      envelope: events.stamp<SecurityDecidedV1>({
        ...SECURITY_DECIDED,
        key: pass.passengerId,
        payload: {
          passengerId: pass.passengerId,
          flight: flightOfPass(pass),
          airport: where.airport,
          lane: where.lane,
          at: events.occurredAt,
          decision,
          cleared,
        },
      }),
    },
  ];
}

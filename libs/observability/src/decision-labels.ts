import {
  BOARDING_DECIDED,
  CHECK_IN_DECIDED,
  SECURITY_DECIDED,
  type BoardingDecidedV1,
  type CheckInDecidedV1,
  type SecurityDecidedV1,
} from '@biogate/contracts';
import type { DecisionLabels } from './service-metrics';

interface DecidedEnvelope {
  readonly type: string;
  readonly payload: unknown;
}

/**
 * The labels of a decision event a service writes (check-in, security, boarding), or undefined
 * for any other event. Read from the event because it is the one record of a decision that
 * committed: a request that failed or rolled back decided nothing.
 */
export function decisionLabelsOf(envelope: DecidedEnvelope): DecisionLabels | undefined {
  switch (envelope.type) {
    case CHECK_IN_DECIDED.type: {
      const event = envelope.payload as CheckInDecidedV1;
      return labels('CHECK_IN', event.channel, event.decision);
    }
    case SECURITY_DECIDED.type: {
      const event = envelope.payload as SecurityDecidedV1;
      return labels('SECURITY', event.lane, event.decision);
    }
    case BOARDING_DECIDED.type: {
      const event = envelope.payload as BoardingDecidedV1;
      return labels('BOARDING', event.lane, event.decision);
    }
    default:
      return undefined;
  }
}

interface DecisionParts {
  readonly outcome: string;
  readonly reason: string;
  readonly verification?: { readonly matched: boolean; readonly live: boolean };
}

function labels(
  touchpoint: DecisionLabels['touchpoint'],
  mode: string,
  decision: DecisionParts,
): DecisionLabels {
  const { verification } = decision;
  return {
    touchpoint,
    mode,
    outcome: decision.outcome,
    reason: decision.reason,
    ...(verification === undefined
      ? {}
      : { face: !verification.live ? 'NOT_LIVE' : verification.matched ? 'MATCH' : 'NO_MATCH' }),
  };
}

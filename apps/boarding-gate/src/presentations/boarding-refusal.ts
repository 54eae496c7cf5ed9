import type { LaneContext, LaneRefusal } from '@biogate/lane-gate';
import type { BoardingAlertKind } from '../alerts/boarding-alert';
import type { PassAtBoarding } from '../persistence/boarding-store';

/** The gate's own checks, in the order of domain.md §5: already boarded, open, gate, security. */
export function boardingRefusal(
  { pass }: LaneContext<PassAtBoarding>,
  gate: string,
): LaneRefusal<BoardingAlertKind> | undefined {
  const flight = `${pass.carrier}${pass.flightNumber}`;
  // A pass shown again, at any gate and any time, is the fraud signal: checked first.
  if (pass.boarded !== null) {
    return {
      reason: 'ALREADY_BOARDED',
      detail: `this boarding pass boarded at gate ${pass.boarded.gate} at ${pass.boarded.at.toISOString()}`,
      alert: 'DUPLICATE_BOARDING',
    };
  }
  if (pass.boarding?.state !== 'OPEN') {
    return {
      reason: 'BOARDING_NOT_OPEN',
      detail: `boarding of ${flight} is ${pass.boarding ? 'closed' : 'not open yet'}`,
    };
  }
  if (pass.boarding.gate !== gate) {
    return { reason: 'WRONG_GATE', detail: `${flight} boards at gate ${pass.boarding.gate}` };
  }
  if (!pass.securityCleared) {
    return {
      reason: 'SECURITY_NOT_CLEARED',
      detail: `no security clearance for ${flight}`,
      alert: 'SECURITY_NOT_CLEARED',
    };
  }
  return undefined;
}

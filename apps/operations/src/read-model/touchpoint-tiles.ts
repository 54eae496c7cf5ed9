/** What the operators see of each touchpoint: counts, outcomes by reason, and the face figures. */
import type { ReasonCount, TouchpointTile } from '../console/operations-views';

/** Counts of one kind of decision at one point, over some window. */
export interface StepCount {
  readonly touchpoint: string;
  readonly point: string;
  readonly outcome: string;
  readonly reason: string;
  readonly redirectTo: string;
  readonly presentations: number;
  readonly compared: number;
  readonly matched: number;
}

/** Every point an airport has, in the order of the journey: a tile even when nothing happened. */
export const TOUCHPOINT_POINTS: readonly { touchpoint: string; point: string }[] = [
  { touchpoint: 'CHECK_IN', point: 'COUNTER' },
  { touchpoint: 'CHECK_IN', point: 'KIOSK' },
  { touchpoint: 'CHECK_IN', point: 'BIOMETRIC' },
  { touchpoint: 'SECURITY', point: 'AUTOMATED' },
  { touchpoint: 'SECURITY', point: 'MANUAL' },
  { touchpoint: 'BOARDING', point: 'AUTOMATED' },
  { touchpoint: 'BOARDING', point: 'MANUAL' },
];

function isBiometricPoint(point: string): boolean {
  return point === 'BIOMETRIC' || point === 'AUTOMATED';
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Adds up the counts of a window into one tile per point. */
export function touchpointTiles(counts: readonly StepCount[]): TouchpointTile[] {
  return TOUCHPOINT_POINTS.map(({ touchpoint, point }) => {
    const here = counts.filter((c) => c.touchpoint === touchpoint && c.point === point);
    const sum = (pick: (c: StepCount) => number, filter: (c: StepCount) => boolean = () => true) =>
      here.filter(filter).reduce((total, c) => total + pick(c), 0);
    const presentations = sum((c) => c.presentations);
    const redirected = sum(
      (c) => c.presentations,
      (c) => c.outcome === 'REDIRECTED',
    );
    const reasons = new Map<string, ReasonCount>();
    for (const c of here) {
      if (c.outcome === 'ALLOWED') continue;
      const key = `${c.outcome}/${c.reason}/${c.redirectTo}`;
      const previous = reasons.get(key)?.count ?? 0;
      reasons.set(key, {
        outcome: c.outcome,
        reason: c.reason,
        ...(c.redirectTo === '' ? {} : { redirectTo: c.redirectTo }),
        count: previous + c.presentations,
      });
    }
    const tile: TouchpointTile = {
      touchpoint,
      point,
      presentations,
      allowed: sum(
        (c) => c.presentations,
        (c) => c.outcome === 'ALLOWED',
      ),
      redirected,
      rejected: sum(
        (c) => c.presentations,
        (c) => c.outcome === 'REJECTED',
      ),
      reasons: [...reasons.values()].sort(
        (a, b) => b.count - a.count || a.reason.localeCompare(b.reason),
      ),
    };
    if (!isBiometricPoint(point)) return tile;
    const compared = sum((c) => c.compared);
    // From an e-gate the fallback is the manual lane; from biometric check-in, counter or kiosk.
    const fallbacks = sum(
      (c) => c.presentations,
      (c) => c.outcome === 'REDIRECTED' && (point === 'BIOMETRIC' || c.redirectTo === 'MANUAL'),
    );
    return {
      ...tile,
      biometric: {
        captureRate: share(compared, presentations),
        matchRate: share(
          sum((c) => c.matched),
          compared,
        ),
        fallbackRate: share(fallbacks, presentations),
      },
    };
  });
}

import type { GateAlertView } from '@biogate/lane-gate';

export const BOARDING_ALERT_KINDS = [
  'DUPLICATE_BOARDING',
  'SECURITY_NOT_CLEARED',
  'FACE_MISMATCH',
  'PRESENTATION_ATTACK',
  'UNKNOWN_BOARDING_PASS',
  'INVALID_BOARDING_PASS',
] as const;
export type BoardingAlertKind = (typeof BOARDING_ALERT_KINDS)[number];

export type BoardingAlertView = GateAlertView<'boarding', BoardingAlertKind>;

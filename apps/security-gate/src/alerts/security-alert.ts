import type { GateAlertView } from '@biogate/lane-gate';

export const SECURITY_ALERT_KINDS = [
  'FACE_MISMATCH',
  'PRESENTATION_ATTACK',
  'UNKNOWN_BOARDING_PASS',
  'INVALID_BOARDING_PASS',
] as const;
export type SecurityAlertKind = (typeof SECURITY_ALERT_KINDS)[number];

export type SecurityAlertView = GateAlertView<'security', SecurityAlertKind>;

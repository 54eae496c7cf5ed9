export const SECURITY_ALERT_KINDS = [
  'FACE_MISMATCH',
  'PRESENTATION_ATTACK',
  'UNKNOWN_BOARDING_PASS',
  'INVALID_BOARDING_PASS',
] as const;
export type SecurityAlertKind = (typeof SECURITY_ALERT_KINDS)[number];

export interface SecurityAlertView {
  readonly alertId: string;
  readonly airport: string;
  readonly kind: SecurityAlertKind;
  readonly lane: string;
  readonly raisedAt: string;
  readonly passengerId?: string;
  readonly detail: string;
}

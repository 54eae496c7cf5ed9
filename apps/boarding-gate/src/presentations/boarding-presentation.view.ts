import type { StepDecision } from '@biogate/contracts';
import type { BoardingAlertKind } from '../alerts/boarding-alert';

export interface BoardingPresentationView {
  readonly decision: StepDecision & { readonly detail?: string };
  readonly passengerId?: string;
  readonly seat?: string;
  /** True when the passenger has boarded. */
  readonly boarded: boolean;
  readonly alert?: { readonly alertId: string; readonly kind: BoardingAlertKind };
}

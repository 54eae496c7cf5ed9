import type { StepDecision } from '@biogate/contracts';
import type { SecurityAlertKind } from '../alerts/security-alert';

/** The answer at the lane: the decision, who it was about, and any alert it raised. */
export interface SecurityPresentationView {
  readonly decision: StepDecision & { readonly detail?: string };
  readonly passengerId?: string;
  readonly flight?: {
    readonly carrier: string;
    readonly number: string;
    readonly date: string;
    readonly destination: string;
  };
  /** True when the passenger may go on to boarding. */
  readonly cleared: boolean;
  readonly alert?: { readonly alertId: string; readonly kind: SecurityAlertKind };
}

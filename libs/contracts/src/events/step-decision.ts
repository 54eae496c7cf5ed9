import type { TouchpointDecision } from '@biogate/domain';

// The decision a touchpoint event carries is the domain's (libs/domain/src/touchpoint).
export { SERVICE_REASONS, type FaceVerification, type ServiceReason } from '@biogate/domain';

/** The decision taken at a touchpoint, as events and answers carry it. */
export type StepDecision = TouchpointDecision;

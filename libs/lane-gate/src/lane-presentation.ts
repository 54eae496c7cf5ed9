import type { FaceCaptureDto, PresentedDocumentDto, ServiceReason } from '@biogate/contracts';
import {
  parseBcbp,
  serviceRejection,
  type FaceAlert,
  type Lane,
  type Outage,
  type TouchpointDecision,
} from '@biogate/domain';
import type { StoredGalleryEntry, TemplateAccess } from './gallery-template';
import { laneDecision, type LaneDecisionPorts } from './lane-decision';
import type { LanePass } from './lane-pass';

/** The alerts any lane raises; a gate may add its own. */
export type LaneAlertKind = FaceAlert | 'UNKNOWN_BOARDING_PASS' | 'INVALID_BOARDING_PASS';

/** What a gate reads about the pass shown, in one go. */
export interface LaneContext<P extends LanePass> {
  readonly pass: P;
  /** The flight's gallery entry for this passenger; none means not enrolled. */
  readonly galleryEntry: StoredGalleryEntry | null;
  /** The outages in force at the airport of the presentation. */
  readonly outages: readonly Outage[];
}

/** A presentation refused before the policy is asked. */
export interface LaneRefusal<K extends string> {
  readonly reason: ServiceReason;
  readonly detail: string;
  readonly alert?: K;
}

/** One gate, as the lane flow sees it: its ports, what it reads, and its own checks. */
export interface LaneGate<P extends LanePass, K extends string> {
  readonly ports: LaneDecisionPorts;
  /** The pass with this BCBP string, if the gate was told of it. */
  context(bcbp: string): Promise<LaneContext<P> | null>;
  /** The gate's own checks on a pass of this airport, before the policy. */
  refusal?(context: LaneContext<P>): LaneRefusal<K> | undefined;
}

/** A boarding pass, a document and maybe a face, shown at a lane. */
export interface LaneStep {
  readonly touchpoint: 'SECURITY' | 'BOARDING';
  readonly lane: Lane;
  readonly airport: string;
  readonly at: Date;
  readonly boardingPass: string;
  readonly document: PresentedDocumentDto;
  /** The live face at an AUTOMATED lane (see captureToMatch); undefined at a MANUAL one. */
  readonly capture: FaceCaptureDto | undefined;
  /** Who reads the template, and why, for the audit trail. */
  readonly accessor: string;
  readonly purpose: string;
  /** Where, for an alert's detail: "at AUTOMATED lane", "at gate 12". */
  readonly where: string;
}

export interface LaneOutcome<P extends LanePass, K extends string> {
  readonly decision: TouchpointDecision;
  /** The pass, when it is one of this airport's: an unknown or another airport's names nobody. */
  readonly pass?: P;
  readonly alert?: { readonly kind: K | LaneAlertKind; readonly detail: string };
  readonly templateAccess?: TemplateAccess;
}

/**
 * A presentation at a security lane or a boarding gate, the flow both gates share: the pass must
 * parse and be one this system issued for a flight from this airport (another airport's pass is
 * refused as unknown, and nothing about its holder is told); then the gate's own checks; then the
 * lane decision (the policy, and the face at an e-gate).
 */
export async function presentAtLane<P extends LanePass, K extends string>(
  gate: LaneGate<P, K>,
  step: LaneStep,
): Promise<LaneOutcome<P, K>> {
  const refused = (refusal: LaneRefusal<K | LaneAlertKind>, pass?: P): LaneOutcome<P, K> => ({
    decision: serviceRejection(
      gate.ports.policy,
      step.at.getTime(),
      refusal.reason,
      refusal.detail,
    ),
    ...(pass === undefined ? {} : { pass }),
    ...(refusal.alert === undefined
      ? {}
      : { alert: { kind: refusal.alert, detail: refusal.detail } }),
  });
  const scanned = parseBcbp(step.boardingPass);
  if (!scanned.ok) {
    return refused({
      reason: 'BOARDING_PASS_INVALID',
      detail: scanned.reason,
      alert: 'INVALID_BOARDING_PASS',
    });
  }
  const context = await gate.context(step.boardingPass);
  if (context === null) {
    const { carrier, flightNumber, sequence } = scanned.value;
    return refused({
      reason: 'BOARDING_PASS_UNKNOWN',
      detail: `no boarding pass ${carrier}${flightNumber} seq ${sequence} was issued by this system`,
      alert: 'UNKNOWN_BOARDING_PASS',
    });
  }
  if (context.pass.origin !== step.airport) {
    return refused({
      reason: 'BOARDING_PASS_WRONG_AIRPORT',
      detail: `the boarding pass is not for a flight from ${step.airport}`,
      alert: 'UNKNOWN_BOARDING_PASS',
    });
  }
  const refusal = gate.refusal?.(context);
  if (refusal !== undefined) return refused(refusal, context.pass);
  const { decision, alert, templateAccess } = laneDecision(gate.ports, {
    ...step,
    international: context.pass.international,
    galleryEntry: context.galleryEntry,
    outages: context.outages,
  });
  return {
    decision,
    pass: context.pass,
    ...(alert === undefined
      ? {}
      : { alert: { kind: alert, detail: `${decision.reason} ${step.where}` } }),
    ...(templateAccess === undefined ? {} : { templateAccess }),
  };
}

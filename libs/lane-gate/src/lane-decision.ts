import {
  presentedDocument,
  type FaceCaptureDto,
  type PresentedDocumentDto,
  type SealedGalleryTemplate,
} from '@biogate/contracts';
import {
  faceCheckedDecision,
  type FaceAlert,
  type FaceModel,
  type Lane,
  type Outage,
  type PhasePolicy,
  type PolicyRequest,
  type TouchpointDecision,
} from '@biogate/domain';
import { verifyLiveFace, type GalleryCipher } from '@biogate/biometrics';
import type { StoredGalleryEntry, TemplateAccess } from './gallery-template';

/** What a gate decides with. */
export interface LaneDecisionPorts {
  readonly policy: PhasePolicy;
  readonly faces: FaceModel;
  readonly gallery: GalleryCipher;
}

/** A passenger at a lane: what they show, and what the gate knows of their flight. */
export interface LanePresentation {
  readonly touchpoint: 'SECURITY' | 'BOARDING';
  readonly lane: Lane;
  readonly airport: string;
  readonly at: Date;
  readonly document: PresentedDocumentDto;
  /** The live face at an AUTOMATED lane; undefined at a MANUAL one. */
  readonly capture: FaceCaptureDto | undefined;
  readonly international: boolean;
  /** The flight's gallery entry for this passenger: none means not enrolled (R4). */
  readonly galleryEntry: StoredGalleryEntry | null;
  /** The airport's outages in force. */
  readonly outages: readonly Outage[];
  /** Who reads the template, and why, for the audit trail. */
  readonly accessor: string;
  readonly purpose: string;
}

export interface LaneDecision {
  readonly decision: TouchpointDecision;
  readonly alert?: FaceAlert;
  /** Set when the template was opened, for the audit trail. */
  readonly templateAccess?: TemplateAccess;
}

/**
 * The decision at a security lane or boarding gate, the same at both gates: the policy at the
 * instant with the airport's outages, then at an e-gate the 1:1 match against the flight's
 * gallery, which has the last word.
 */
export function laneDecision(ports: LaneDecisionPorts, at: LanePresentation): LaneDecision {
  const step: PolicyRequest = {
    at: at.at.getTime(),
    touchpoint: at.touchpoint,
    lane: at.lane,
    airport: at.airport,
    international: at.international,
    passenger: {
      document: presentedDocument(at.document),
      biometricEnrolled: at.galleryEntry !== null,
      checkedBags: 0,
      ssr: [],
    },
    outages: [...at.outages],
  };
  const decision = ports.policy.evaluate(step);
  const entry = at.galleryEntry;
  if (decision.outcome !== 'ALLOWED' || at.capture === undefined || entry === null) {
    return { decision };
  }
  const template = ports.gallery.open(
    entry.templateId,
    entry.flightId,
    entry.sealed as SealedGalleryTemplate,
  );
  const verification = verifyLiveFace(ports.faces, template, at.capture, at.document.number);
  return {
    ...faceCheckedDecision(ports.policy, step, decision, verification),
    templateAccess: {
      templateId: entry.templateId,
      accessor: at.accessor,
      touchpoint: at.touchpoint,
      purpose: at.purpose,
      at: at.at,
    },
  };
}

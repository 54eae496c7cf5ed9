import type { EntityManager } from 'typeorm';
import type { FaceCaptureDto, FlightRef, PresentedDocumentDto } from '@biogate/contracts';
import { outagesAt } from './airport-outages';
import { presentedDocument } from './touchpoint-decisions';
import {
  faceCheckedDecision,
  type FaceAlert,
  type FaceModel,
  type Lane,
  type PhasePolicy,
  type PolicyRequest,
  type TouchpointDecision,
} from '@biogate/domain';
import { verifyLiveFace } from './face-verification';
import type { GalleryCipher } from './gallery-cipher';
import { openGalleryTemplate, type StoredGalleryEntry } from './gallery-template';

/** A gate's own schema and ports. */
export interface LaneDecisionPorts {
  readonly schema: string;
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
  /** Who reads the template, and why, for the audit trail. */
  readonly accessor: string;
  readonly purpose: string;
}

/**
 * The decision at a security lane or boarding gate, the same at both gates: the policy at the
 * instant with the airport's outages, then at an e-gate the 1:1 match against the flight's
 * gallery (read under audit), which has the last word.
 */
export async function laneDecision(
  em: EntityManager,
  ports: LaneDecisionPorts,
  at: LanePresentation,
): Promise<{ readonly decision: TouchpointDecision; readonly alert?: FaceAlert }> {
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
    outages: await outagesAt(em, ports.schema, at.airport),
  };
  const decision = ports.policy.evaluate(step);
  if (decision.outcome !== 'ALLOWED' || at.capture === undefined || at.galleryEntry === null) {
    return { decision };
  }
  const template = await openGalleryTemplate(em, ports.schema, ports.gallery, at.galleryEntry, {
    accessor: at.accessor,
    touchpoint: at.touchpoint,
    purpose: at.purpose,
    at: at.at,
  });
  const verification = verifyLiveFace(ports.faces, template, at.capture, at.document.number);
  return faceCheckedDecision(ports.policy, step, decision, verification);
}

/** The flight of a boarding pass as a gate stores it, as events carry it. */
export function flightOfPass(pass: {
  readonly flightId: string;
  readonly carrier: string;
  readonly flightNumber: string;
  readonly departureDate: string;
  readonly origin: string;
  readonly destination: string;
  readonly departureAt: Date;
  readonly international: boolean;
}): FlightRef {
  return {
    flightId: pass.flightId,
    carrier: pass.carrier,
    number: pass.flightNumber,
    date: pass.departureDate,
    origin: pass.origin,
    destination: pass.destination,
    departureAt: pass.departureAt.toISOString(),
    international: pass.international,
  };
}

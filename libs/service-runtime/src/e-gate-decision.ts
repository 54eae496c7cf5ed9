import type { EntityManager } from 'typeorm';
import type { FaceCaptureDto, FlightRef } from '@biogate/contracts';
import {
  faceCheckedDecision,
  type FaceAlert,
  type FaceModel,
  type PhasePolicy,
  type PolicyRequest,
  type TouchpointDecision,
} from '@biogate/domain';
import { verifyLiveFace } from './face-verification';
import type { GalleryCipher } from './gallery-cipher';
import {
  openGalleryTemplate,
  type StoredGalleryEntry,
  type TemplateRead,
} from './gallery-template';

/** What a gate needs to decide at a lane: its schema, its ports, the flight's gallery entry. */
export interface LaneDecisionInput {
  readonly schema: string;
  readonly policy: PhasePolicy;
  readonly faces: FaceModel;
  readonly gallery: GalleryCipher;
  readonly step: PolicyRequest;
  /** The live face at an AUTOMATED lane; undefined at a MANUAL one. */
  readonly capture: FaceCaptureDto | undefined;
  readonly galleryEntry: StoredGalleryEntry | null;
  readonly presentedIdentity: string;
  readonly read: TemplateRead;
}

/**
 * The decision at a security lane or boarding gate, the same at both gates: the policy first,
 * then at an e-gate the 1:1 match against the flight's gallery (read under audit), which has the
 * last word.
 */
export async function laneDecision(
  em: EntityManager,
  input: LaneDecisionInput,
): Promise<{ readonly decision: TouchpointDecision; readonly alert?: FaceAlert }> {
  const decision = input.policy.evaluate(input.step);
  if (
    decision.outcome !== 'ALLOWED' ||
    input.capture === undefined ||
    input.galleryEntry === null
  ) {
    return { decision };
  }
  const template = await openGalleryTemplate(
    em,
    input.schema,
    input.gallery,
    input.galleryEntry,
    input.read,
  );
  const verification = verifyLiveFace(
    input.faces,
    template,
    input.capture,
    input.presentedIdentity,
  );
  return faceCheckedDecision(input.policy, input.step, decision, verification);
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

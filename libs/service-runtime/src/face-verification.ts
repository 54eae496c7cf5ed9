import { randomUUID } from 'node:crypto';
import type { FaceCaptureDto, FaceVerification } from '@biogate/contracts';
import type { FaceModel, FaceTemplate } from '@biogate/domain';

/**
 * 1:1 verification of a simulated live capture against a template. The person in front of the
 * camera is `capture.subject`, or by default the holder of the identity presented.
 */
export function verifyLiveFace(
  faces: FaceModel,
  template: FaceTemplate,
  capture: FaceCaptureDto,
  presentedIdentity: string,
): FaceVerification {
  const comparison = faces.compare(
    template,
    faces.capture({
      faceSeed: capture.subject ?? presentedIdentity,
      quality: capture.quality,
      presentationAttack: capture.presentationAttack ?? false,
      captureSeed: capture.seed ?? randomUUID(),
    }),
  );
  return {
    similarity: Math.round(comparison.similarity * 1000) / 1000,
    matched: comparison.matched,
    live: comparison.live,
  };
}

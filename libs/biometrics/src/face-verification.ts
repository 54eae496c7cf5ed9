import { randomUUID } from 'node:crypto';
import { InputRejectedError, type FaceCaptureDto, type FaceVerification } from '@biogate/contracts';
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
  const comparison = faces.verify(
    template,
    {
      ...(capture.subject === undefined ? {} : { subject: capture.subject }),
      quality: capture.quality,
      ...(capture.presentationAttack === undefined
        ? {}
        : { presentationAttack: capture.presentationAttack }),
      seed: capture.seed ?? randomUUID(),
    },
    presentedIdentity,
  );
  return {
    similarity: Math.round(comparison.similarity * 1000) / 1000,
    matched: comparison.matched,
    live: comparison.live,
  };
}

/**
 * The capture to match at a biometric point (a BIOMETRIC check-in, an AUTOMATED lane), or
 * undefined at any other point, where a face is never matched. A missing or `null` capture at a
 * biometric point is refused: the 1:1 match is never skipped. The request DTO refuses it first;
 * this holds for callers that bypass HTTP.
 */
export function captureToMatch(
  atBiometricPoint: boolean,
  capture: FaceCaptureDto | null | undefined,
): FaceCaptureDto | undefined {
  if (!atBiometricPoint) return undefined;
  if (capture == null) {
    throw new InputRejectedError('invalid request body', [
      { path: 'body.capture', message: 'missing; expected the live face capture' },
    ]);
  }
  return capture;
}

import type { CaptureShown } from '@biogate/domain';

/** Who stands in front of the camera at a biometric point, as scenarios and the day name it. */
export type CameraFace = 'GENUINE' | 'POOR_CAPTURE' | 'IMPOSTOR' | 'PRESENTATION_ATTACK';

/**
 * The live capture a camera sends the services for a face shown (their FaceCaptureDto): seeded,
 * so that a rerun shows them the same capture; an impostor is `impostor`'s face.
 */
export function captureShown(face: CameraFace, seed: string, impostor: string): CaptureSent {
  switch (face) {
    case 'GENUINE':
      return { quality: 'GOOD', seed };
    case 'POOR_CAPTURE':
      return { quality: 'POOR', seed };
    case 'PRESENTATION_ATTACK':
      return { quality: 'GOOD', presentationAttack: true, seed };
    case 'IMPOSTOR':
      return { quality: 'GOOD', subject: impostor, seed };
  }
}

/** The capture as sent: the face model's CaptureShown, `presentationAttack` only when true. */
export type CaptureSent = CaptureShown & { readonly presentationAttack?: true };

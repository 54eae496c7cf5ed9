import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CAPTURE_QUALITIES, type CaptureQuality } from '@biogate/domain';
import { expected } from '../input/field-validators';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** A simulated live face capture: who is really in front of the camera, and how it went. */
export class FaceCaptureDto {
  /** Personal ID number of the person present; the passenger themself when absent (an impostor otherwise). */
  @IsOptional()
  @Matches(
    /^\d{12}$/,
    expected('the 12-digit personal identification number of the person in front of the camera'),
  )
  @IsString(
    expected('the 12-digit personal identification number of the person in front of the camera'),
  )
  subject?: string;

  @IsIn(CAPTURE_QUALITIES, expected(`one of ${CAPTURE_QUALITIES.join(', ')}`))
  quality!: CaptureQuality;

  /** A photo, mask or replay held up to the camera. */
  @IsOptional()
  @IsBoolean(expected('true or false'))
  presentationAttack?: boolean;

  /** Makes the capture's noise reproducible (scenarios); random when absent. */
  @IsOptional()
  @MaxLength(64, expected('a seed of at most 64 characters'))
  @IsString(expected('a seed string'))
  seed?: string;
}

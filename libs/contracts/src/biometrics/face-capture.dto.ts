import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CAPTURE_QUALITIES, type CaptureQuality } from '@biogate/domain';
import { expected, OptionalField } from '../input/field-validators';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** A simulated live face capture: who is really in front of the camera, and how it went. */
export class FaceCaptureDto {
  /** Personal ID number of the person present; the passenger themself when absent (an impostor otherwise). */
  @OptionalField()
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
  @OptionalField()
  @IsBoolean(expected('true or false'))
  presentationAttack?: boolean;

  /** Makes the capture's noise reproducible (scenarios); random when absent. */
  @OptionalField()
  @MaxLength(64, expected('a seed of at most 64 characters'))
  @IsString(expected('a seed string'))
  seed?: string;
}

const CAPTURE_EXPECTED = 'the live face capture { subject?, quality, presentationAttack?, seed? }';

/**
 * The `capture` field of a presentation: required (an object, never `null` or `{}`) where the
 * sibling `pointField` names the biometric point, optional elsewhere. The 1:1 face match can
 * never be skipped by leaving the face out.
 */
export function LiveCaptureField(pointField: string, biometricPoint: string): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    ValidateIf(
      (object: object, value: unknown) =>
        value !== undefined || (object as Record<string, unknown>)[pointField] === biometricPoint,
    ),
    Type(() => FaceCaptureDto),
    ValidateNested(),
    IsObject(expected(CAPTURE_EXPECTED)),
    IsDefined(expected(`${CAPTURE_EXPECTED} when ${pointField} is ${biometricPoint}`)),
  ];
  return (target, propertyKey) => {
    // Applied bottom-up, as if written above the field in this order.
    for (const decorate of [...decorators].reverse()) decorate(target, propertyKey);
  };
}

import { Type } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { expected } from '@biogate/contracts';
import { CAPTURE_QUALITIES, type CaptureQuality } from '@biogate/domain';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

export const ENROLMENT_CHANNELS = ['COUNTER', 'VNEID_APP'] as const;
export type EnrolmentChannel = (typeof ENROLMENT_CHANNELS)[number];

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

/** POST /v1/enrolments */
export class EnrolPassengerRequestDto {
  @IsUUID('4', expected('the passengerId of a booked passenger'))
  passengerId!: string;

  @IsIn(ENROLMENT_CHANNELS, expected(`one of ${ENROLMENT_CHANNELS.join(', ')}`))
  channel!: EnrolmentChannel;

  /** Biometric data is sensitive personal data: no enrolment without recorded consent. */
  @Equals(true, expected('true: enrolment needs the passenger\u2019s recorded consent'))
  consent!: boolean;

  @Type(() => FaceCaptureDto)
  @ValidateNested()
  @IsObject(expected('the live face capture { subject?, quality, presentationAttack?, seed? }'))
  @IsDefined(expected('the live face capture'))
  capture!: FaceCaptureDto;
}

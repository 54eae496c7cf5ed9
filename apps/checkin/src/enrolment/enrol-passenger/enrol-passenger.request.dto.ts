import { Type } from 'class-transformer';
import { Equals, IsDefined, IsIn, IsObject, IsUUID, ValidateNested } from 'class-validator';
import { expected, FaceCaptureDto } from '@biogate/contracts';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

export const ENROLMENT_CHANNELS = ['COUNTER', 'VNEID_APP'] as const;
export type EnrolmentChannel = (typeof ENROLMENT_CHANNELS)[number];

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

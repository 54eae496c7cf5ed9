import { IsIn, IsUUID } from 'class-validator';
import { expected, FaceCaptureDto, LiveCaptureField } from '@biogate/contracts';
import { CHECK_IN_CHANNELS, type CheckInChannel } from '@biogate/domain';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** POST /v1/check-ins */
export class CheckInPassengerRequestDto {
  @IsUUID('4', expected('the passengerId of a booked passenger'))
  passengerId!: string;

  @IsIn(CHECK_IN_CHANNELS, expected(`one of ${CHECK_IN_CHANNELS.join(', ')}`))
  channel!: CheckInChannel;

  /** The live face: required at a BIOMETRIC check-in; ignored at the counter and the kiosk. */
  @LiveCaptureField('channel', 'BIOMETRIC')
  capture?: FaceCaptureDto;
}

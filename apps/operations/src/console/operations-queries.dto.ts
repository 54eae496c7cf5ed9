import { IsString, Matches } from 'class-validator';
import { expected, OptionalField } from '@biogate/contracts';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** `?kind=FACE_MISMATCH&limit=50`: an airport's alerts, newest first. */
export class AlertFilterDto {
  @OptionalField()
  @Matches(/^[A-Z_]{3,30}$/, expected('an alert kind, e.g. FACE_MISMATCH'))
  @IsString(expected('an alert kind, e.g. FACE_MISMATCH'))
  kind?: string;

  /** Query strings are text: an integer from 1 to 1000; 100 when left out. */
  @OptionalField()
  @Matches(/^(?:[1-9]\d{0,2}|1000)$/, expected('a number of alerts from 1 to 1000'))
  @IsString(expected('a number of alerts from 1 to 1000'))
  limit?: string;
}

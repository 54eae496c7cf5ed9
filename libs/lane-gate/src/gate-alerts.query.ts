import { IsString, Matches } from 'class-validator';
import { expected, OptionalField } from '@biogate/contracts';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** `?airport=SGN&limit=50`: the alerts of one airport, newest first. */
export class AirportAlertsQueryDto {
  @Matches(/^[A-Z]{3}$/, expected('the 3-letter IATA code of the airport'))
  @IsString(expected('the 3-letter IATA code of the airport'))
  airport!: string;

  /** Query strings are text: an integer from 1 to 1000; 100 when left out. */
  @OptionalField()
  @Matches(/^(?:[1-9]\d{0,2}|1000)$/, expected('a number of alerts from 1 to 1000'))
  @IsString(expected('a number of alerts from 1 to 1000'))
  limit?: string;
}

export function alertLimit(text: string | undefined): number {
  return text === undefined ? 100 : Number(text);
}

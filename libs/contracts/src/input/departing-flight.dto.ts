import { IsString, Matches } from 'class-validator';
import { expected, IsLocalDate } from './field-validators';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** A departing flight by carrier, number and local date (the airport comes from elsewhere). */
export class DepartingFlightDto {
  @Matches(/^[A-Z0-9]{2}$/, expected('a 2-character IATA airline code'))
  @IsString(expected('a 2-character IATA airline code'))
  carrier!: string;

  @Matches(/^\d{1,4}[A-Z]?$/, expected('a flight number, e.g. "213"'))
  @IsString(expected('a flight number, e.g. "213"'))
  number!: string;

  @IsLocalDate()
  date!: string;
}

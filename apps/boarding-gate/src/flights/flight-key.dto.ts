import { IsString, Matches } from 'class-validator';
import { DepartingFlightDto, expected } from '@biogate/contracts';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** A departing flight at an airport: carrier, number, local date. */
export class FlightAtAirportDto extends DepartingFlightDto {
  @Matches(/^[A-Z]{3}$/, expected('the 3-letter IATA code of the departure airport'))
  @IsString(expected('the 3-letter IATA code of the departure airport'))
  airport!: string;
}

export class OpenBoardingRequestDto extends FlightAtAirportDto {
  @Matches(
    /^[A-Z0-9]{1,5}$/,
    expected('a gate of 1-5 capital letters or digits, e.g. "12" or "B7"'),
  )
  @IsString(expected('a gate, e.g. "12"'))
  gate!: string;
}

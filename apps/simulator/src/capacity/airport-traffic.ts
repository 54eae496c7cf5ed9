import { Type } from 'class-transformer';
import {
  IsArray,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { expected, OptionalField } from '@biogate/contracts';
import { readJsonFile } from '@biogate/reference-data';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

export class AirportTrafficDto {
  @Matches(/^[A-Z]{3}$/, expected('a 3-letter IATA airport code')) code!: string;
  @Min(0, expected('departures a day, >= 0'))
  @IsInt(expected('a whole number of departures a day'))
  departuresPerDay!: number;
  @Max(1, expected('a share from 0 to 1'))
  @Min(0, expected('a share from 0 to 1'))
  @IsNumber({}, expected('a share from 0 to 1'))
  internationalShare!: number;
}

export class AirportTrafficFileDto {
  @OptionalField() @IsString(expected('a description')) description?: string;
  @Min(1, expected('seats per flight, >= 1'))
  @IsInt(expected('seats per flight'))
  seatsPerFlight!: number;
  @Max(1, expected('a load factor from 0 to 1'))
  @Min(0, expected('a load factor from 0 to 1'))
  @IsNumber({}, expected('a load factor'))
  loadFactor!: number;
  @Type(() => AirportTrafficDto)
  @ValidateNested({ each: true })
  @IsObject({ each: true, ...expected('an airport object') })
  @IsArray(expected('an array of airports'))
  airports!: AirportTrafficDto[];
}

export function loadAirportTraffic(file: string): AirportTrafficFileDto {
  return readJsonFile(file, AirportTrafficFileDto);
}

import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { expected, IsLocalDate, OptionalField } from '@biogate/contracts';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

export class AirportRecordDto {
  @Matches(/^[A-Z]{3}$/, expected('a 3-letter IATA airport code'))
  @IsString(expected('a 3-letter IATA airport code'))
  code!: string;

  @MaxLength(120, expected('a name of at most 120 characters'))
  @IsString(expected('the airport name'))
  name!: string;

  @MaxLength(80, expected('a city of at most 80 characters'))
  @IsString(expected('the city served'))
  city!: string;

  /** Every civil airport of Vietnam keeps the directive's time zone. */
  @IsIn(['Asia/Ho_Chi_Minh'], expected('"Asia/Ho_Chi_Minh"'))
  timeZone!: string;

  @IsBoolean(expected('true or false'))
  pilot!: boolean;

  @IsLocalDate()
  biometricReadyFrom!: string;
}

export class AirportReferenceFileDto {
  @OptionalField()
  @IsString(expected('a description'))
  description?: string;

  @Type(() => AirportRecordDto)
  @ValidateNested({ each: true })
  @IsObject({ each: true, ...expected('an airport object') })
  @ArrayMinSize(1, expected('at least one airport'))
  @IsArray(expected('an array of airports'))
  airports!: AirportRecordDto[];
}

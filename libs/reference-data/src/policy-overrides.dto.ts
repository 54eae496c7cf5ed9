import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { expected, IsLocalDate } from '@biogate/contracts';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

export class PhaseStartsOverrideDto {
  @IsOptional()
  @IsLocalDate()
  BIOMETRIC_ENROLMENT?: string;

  @IsOptional()
  @IsLocalDate()
  BIOMETRIC_DEFAULT?: string;
}

export class AirportReadinessOverrideDto {
  @IsOptional()
  @IsBoolean(expected('true or false'))
  pilot?: boolean;

  @IsOptional()
  @IsLocalDate()
  biometricReadyFrom?: string;
}

/** A what-if policy file: every field optional; what is given replaces the directive's value. */
export class PolicyOverridesFileDto {
  @IsOptional()
  @IsString(expected('a description'))
  description?: string;

  @IsOptional()
  @Type(() => PhaseStartsOverrideDto)
  @ValidateNested()
  @IsObject(expected('an object { BIOMETRIC_ENROLMENT?, BIOMETRIC_DEFAULT? }'))
  phaseStarts?: PhaseStartsOverrideDto;

  @IsOptional()
  @Matches(/^[A-Z]{4}$/, { each: true, ...expected('4-letter IATA special-service codes') })
  @ArrayMaxSize(100, expected('at most 100 special-service codes'))
  @IsArray(expected('an array of special-service codes'))
  specialServiceCodes?: string[];

  @IsOptional()
  @Max(150, expected('an integer from 1 to 150'))
  @Min(1, expected('an integer from 1 to 150'))
  @IsInt(expected('an integer from 1 to 150'))
  specialPassengerMinAge?: number;

  /** Keyed by airport code; each entry is checked by AirportReadinessOverrideDto. */
  @IsOptional()
  @IsObject(
    expected(
      'an object keyed by airport code, e.g. { "VII": { "biometricReadyFrom": "2025-09-01" } }',
    ),
  )
  airports?: Record<string, unknown>;
}

import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { expected, IsLocalDate, OptionalField } from '@biogate/contracts';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

export class PhaseStartsOverrideDto {
  @OptionalField()
  @IsLocalDate()
  BIOMETRIC_ENROLMENT?: string;

  @OptionalField()
  @IsLocalDate()
  BIOMETRIC_DEFAULT?: string;
}

export class AirportReadinessOverrideDto {
  @OptionalField()
  @IsBoolean(expected('true or false'))
  pilot?: boolean;

  @OptionalField()
  @IsLocalDate()
  biometricReadyFrom?: string;
}

/** A what-if policy file: every field optional; what is given replaces the directive's value. */
export class PolicyOverridesFileDto {
  @OptionalField()
  @IsString(expected('a description'))
  description?: string;

  @OptionalField()
  @Type(() => PhaseStartsOverrideDto)
  @ValidateNested()
  @IsObject(expected('an object { BIOMETRIC_ENROLMENT?, BIOMETRIC_DEFAULT? }'))
  phaseStarts?: PhaseStartsOverrideDto;

  @OptionalField()
  @Matches(/^[A-Z]{4}$/, { each: true, ...expected('4-letter IATA special-service codes') })
  @ArrayMaxSize(100, expected('at most 100 special-service codes'))
  @IsArray(expected('an array of special-service codes'))
  specialServiceCodes?: string[];

  @OptionalField()
  @Max(150, expected('an integer from 1 to 150'))
  @Min(1, expected('an integer from 1 to 150'))
  @IsInt(expected('an integer from 1 to 150'))
  specialPassengerMinAge?: number;

  /** Keyed by airport code; each entry is checked by AirportReadinessOverrideDto. */
  @OptionalField()
  @IsObject(
    expected(
      'an object keyed by airport code, e.g. { "VII": { "biometricReadyFrom": "2025-09-01" } }',
    ),
  )
  airports?: Record<string, unknown>;
}

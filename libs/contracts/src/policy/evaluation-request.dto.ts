import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CHECK_IN_CHANNELS,
  LANES,
  OUTAGES,
  TOUCHPOINTS,
  type CheckInChannel,
  type Lane,
  type Outage,
  type Touchpoint,
} from '@biogate/domain';
import {
  expected,
  IsInstant,
  IsLocalDate,
  RequiredOnlyWhen,
  OptionalField,
} from '../input/field-validators';

/*
 * class-validator runs a field's decorators bottom-up and stops at the first failure, so the most
 * basic check (type, presence) sits closest to the property and its message is the one reported.
 */

/**
 * The evaluation contract of domain.md §5. Only structure is checked here: whether the document
 * itself is acceptable (type, number format, expiry) is for the rules to decide (R0).
 */
export class PresentedDocumentDto {
  @MaxLength(40, expected('a document type of at most 40 characters'))
  @IsString(expected('the document type as a string, e.g. "CITIZEN_ID_CARD"'))
  type!: string;

  @MaxLength(64, expected('a document number of at most 64 characters'))
  @IsString(expected('the document number as a string'))
  number!: string;

  @OptionalField()
  @IsLocalDate()
  expiresOn?: string | null;
}

export class PassengerFactsDto {
  @Type(() => PresentedDocumentDto)
  @ValidateNested()
  @IsObject(expected('an object { type, number, expiresOn? }'))
  @IsDefined(expected('the identity document presented'))
  document!: PresentedDocumentDto;

  @IsBoolean(expected('true or false'))
  biometricEnrolled!: boolean;

  @Max(99, expected('at most 99 checked bags'))
  @Min(0, expected('an integer >= 0'))
  @IsInt(expected('an integer >= 0'))
  checkedBags!: number;

  @OptionalField()
  @Matches(/^[A-Z]{4}$/, {
    each: true,
    ...expected('4-letter IATA special-service codes, e.g. "WCHR"'),
  })
  @ArrayMaxSize(20, expected('at most 20 special-service codes'))
  @IsArray(expected('an array of special-service codes, e.g. ["WCHR"]'))
  ssr?: string[] | null;

  @OptionalField()
  @IsLocalDate()
  birthDate?: string | null;
}

export class EvaluationRequestDto {
  @IsInstant()
  at!: string;

  @IsIn(TOUCHPOINTS, expected(`one of ${TOUCHPOINTS.join(', ')}`))
  touchpoint!: Touchpoint;

  @RequiredOnlyWhen('touchpoint', TOUCHPOINTS, ['CHECK_IN'], CHECK_IN_CHANNELS)
  channel?: CheckInChannel;

  @RequiredOnlyWhen('touchpoint', TOUCHPOINTS, ['SECURITY', 'BOARDING'], LANES)
  lane?: Lane;

  @Matches(/^[A-Z]{3}$/, expected('a 3-letter IATA airport code, e.g. "SGN"'))
  @IsString(expected('a 3-letter IATA airport code, e.g. "SGN"'))
  airport!: string;

  @IsBoolean(expected('true or false'))
  international!: boolean;

  @Type(() => PassengerFactsDto)
  @ValidateNested()
  @IsObject(expected('an object { document, biometricEnrolled, checkedBags, ssr?, birthDate? }'))
  @IsDefined(expected('the passenger'))
  passenger!: PassengerFactsDto;

  @OptionalField()
  @IsIn(OUTAGES, { each: true, ...expected(`outages among ${OUTAGES.join(', ')}`) })
  @ArrayUnique(expected('each outage at most once'))
  @IsArray(expected(`an array of outages among ${OUTAGES.join(', ')}`))
  outages?: Outage[] | null;
}

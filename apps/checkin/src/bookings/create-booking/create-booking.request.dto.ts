import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  expected,
  IsDocumentNumberFor,
  IsInstant,
  IsLocalDate,
  OptionalField,
} from '@biogate/contracts';
import { DOCUMENT_TYPES, type DocumentType } from '@biogate/domain';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

const NAME = /^[A-Z]+(?:[ '-][A-Z]+)*$/;
const NAME_EXPECTED = 'a name in capital letters without diacritics, as on the ticket (max 30)';

export class BookedFlightDto {
  @Matches(/^[A-Z0-9]{2}$/, expected('a 2-character IATA airline code, e.g. "VN"'))
  @IsString(expected('a 2-character IATA airline code, e.g. "VN"'))
  carrier!: string;

  @Matches(
    /^\d{1,4}[A-Z]?$/,
    expected('a flight number of 1-4 digits and an optional letter, e.g. "213"'),
  )
  @IsString(expected('a flight number of 1-4 digits and an optional letter, e.g. "213"'))
  number!: string;

  /** Local (Vietnam) date of departure. */
  @IsLocalDate()
  date!: string;

  @Matches(/^[A-Z]{3}$/, expected('a 3-letter IATA airport code'))
  @IsString(expected('a 3-letter IATA airport code'))
  origin!: string;

  @Matches(/^[A-Z]{3}$/, expected('a 3-letter IATA airport code'))
  @IsString(expected('a 3-letter IATA airport code'))
  destination!: string;

  @IsInstant()
  departureAt!: string;

  @IsBoolean(expected('true or false'))
  international!: boolean;
}

export class BookedDocumentDto {
  @IsIn(DOCUMENT_TYPES, expected(`one of ${DOCUMENT_TYPES.join(', ')}`))
  type!: DocumentType;

  @IsDocumentNumberFor('type')
  number!: string;

  @OptionalField()
  @IsLocalDate()
  expiresOn?: string;
}

export class BookedPassengerDto {
  @Matches(NAME, expected(NAME_EXPECTED))
  @MaxLength(30, expected(NAME_EXPECTED))
  @IsString(expected(NAME_EXPECTED))
  surname!: string;

  @Matches(NAME, expected(NAME_EXPECTED))
  @MaxLength(30, expected(NAME_EXPECTED))
  @IsString(expected(NAME_EXPECTED))
  givenName!: string;

  @OptionalField()
  @IsLocalDate()
  birthDate?: string;

  @Type(() => BookedDocumentDto)
  @ValidateNested()
  @IsObject(expected('an object { type, number, expiresOn? }'))
  @IsDefined(expected('the identity document the passenger travels on'))
  document!: BookedDocumentDto;

  @Max(9, expected('an integer from 0 to 9'))
  @Min(0, expected('an integer from 0 to 9'))
  @IsInt(expected('an integer from 0 to 9'))
  checkedBags!: number;

  @OptionalField()
  @Matches(/^[A-Z]{4}$/, {
    each: true,
    ...expected('4-letter IATA special-service codes, e.g. "WCHR"'),
  })
  @ArrayMaxSize(20, expected('at most 20 special-service codes'))
  @IsArray(expected('an array of special-service codes'))
  ssr?: string[];
}

/** POST /v1/bookings: one PNR on one flight, 1 to 9 passengers. */
export class CreateBookingRequestDto {
  @Matches(/^[A-Z0-9]{6}$/, expected('a 6-character record locator, e.g. "K7Q2ZD"'))
  @IsString(expected('a 6-character record locator, e.g. "K7Q2ZD"'))
  pnr!: string;

  @Type(() => BookedFlightDto)
  @ValidateNested()
  @IsObject(
    expected(
      'the flight { carrier, number, date, origin, destination, departureAt, international }',
    ),
  )
  @IsDefined(expected('the flight'))
  flight!: BookedFlightDto;

  @Type(() => BookedPassengerDto)
  @ValidateNested({ each: true })
  @IsObject({
    each: true,
    ...expected('a passenger { surname, givenName, document, checkedBags, birthDate?, ssr? }'),
  })
  @ArrayMaxSize(9, expected('1 to 9 passengers'))
  @ArrayMinSize(1, expected('1 to 9 passengers'))
  @IsArray(expected('an array of passengers'))
  passengers!: BookedPassengerDto[];
}

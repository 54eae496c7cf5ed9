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
  Equals,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  expected,
  IsDocumentNumberFor,
  IsInstant,
  IsLocalDate,
  OptionalField,
  TICKET_NAME,
  TICKET_NAME_EXPECTED,
} from '@biogate/contracts';
import {
  DOCUMENT_TYPES,
  PURCHASE_CHANNELS,
  type DocumentType,
  type PurchaseChannel,
} from '@biogate/domain';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

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
  @Matches(TICKET_NAME, expected(TICKET_NAME_EXPECTED))
  @MaxLength(30, expected(TICKET_NAME_EXPECTED))
  @IsString(expected(TICKET_NAME_EXPECTED))
  surname!: string;

  @Matches(TICKET_NAME, expected(TICKET_NAME_EXPECTED))
  @MaxLength(30, expected(TICKET_NAME_EXPECTED))
  @IsString(expected(TICKET_NAME_EXPECTED))
  givenName!: string;

  /** Required for a VNEID_APP purchase: the register's birth date must match it. */
  @ValidateIf(
    (p: BookedPassengerDto, value) => value !== undefined || p.purchaseChannel === 'VNEID_APP',
  )
  @IsLocalDate()
  birthDate?: string;

  /** Where the ticket was bought: AIRLINE (the default) or the VNeID app. */
  @OptionalField()
  @IsIn(PURCHASE_CHANNELS, expected(`one of ${PURCHASE_CHANNELS.join(', ')}`))
  purchaseChannel?: PurchaseChannel;

  /** A VNEID_APP purchase shares identity data with the airline: the passenger's consent. */
  @ValidateIf(
    (p: BookedPassengerDto, value) => value !== undefined || p.purchaseChannel === 'VNEID_APP',
  )
  @Equals(
    true,
    expected(
      'true: a VNEID_APP purchase needs the passenger\u2019s consent to share identity data',
    ),
  )
  identityConsent?: boolean;

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

/** A PNR's passengers, 1 to 9: a booking without its flight (a passenger name list gives that once). */
export class ListedBookingDto {
  @Matches(/^[A-Z0-9]{6}$/, expected('a 6-character record locator, e.g. "K7Q2ZD"'))
  @IsString(expected('a 6-character record locator, e.g. "K7Q2ZD"'))
  pnr!: string;

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

/**
 * The flight a booking or a passenger name list is on, validated as a `BookedFlightDto`: the
 * decorators in the order a stack of them would apply (the lowest first).
 */
export function BookedFlightField(): PropertyDecorator {
  const decorators = [
    IsDefined(expected('the flight')),
    IsObject(
      expected(
        'the flight { carrier, number, date, origin, destination, departureAt, international }',
      ),
    ),
    ValidateNested(),
    Type(() => BookedFlightDto),
  ];
  return (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };
}

/** POST /v1/bookings: one PNR on one flight, 1 to 9 passengers. */
export class CreateBookingRequestDto extends ListedBookingDto {
  @BookedFlightField()
  flight!: BookedFlightDto;
}

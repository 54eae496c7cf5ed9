import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { expected, IsInstant, IsLocalDate, OptionalField } from '@biogate/contracts';
import {
  CHECK_IN_CHANNELS,
  LANES,
  OUTAGES,
  OUTCOMES,
  PHASES,
  PURCHASE_CHANNELS,
  REASON_CODES,
  RULE_IDS,
  VNEID_PURCHASE_REFUSALS,
} from '@biogate/domain';
import { SERVICE_REASONS } from '@biogate/contracts';
import { RegisterFactsDto } from '@biogate/service-runtime';
import { BookedFlightDto } from '../../../checkin/src/bookings/create-booking/create-booking.request.dto';

// Structure only: identity data is deliberately loose, because a scenario may test that the
// services refuse a malformed booking (400) or reject an invalid document (R0).

const REF = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
const REF_EXPECTATION = 'a reference: a letter, then letters, digits, _ or - (at most 40)';
const INSTANT_EXPECTATION =
  'an ISO 8601 instant with an offset, e.g. 2025-12-01T07:30:00+07:00 (years 1900-2100)';

/** How the face in front of the camera relates to the passenger (domain.md §6). */
export const FACES = ['GENUINE', 'IMPOSTOR', 'POOR_CAPTURE', 'PRESENTATION_ATTACK'] as const;
export type Face = (typeof FACES)[number];
export const ENROLMENT_CHANNELS = ['COUNTER', 'VNEID_APP'] as const;
export const OUTAGE_STATES = ['DECLARED', 'CLEARED'] as const;
export const ALERTS = [
  'NONE',
  'FACE_MISMATCH',
  'PRESENTATION_ATTACK',
  'UNKNOWN_BOARDING_PASS',
  'INVALID_BOARDING_PASS',
  'DUPLICATE_BOARDING',
  'SECURITY_NOT_CLEARED',
] as const;
export const ENROLMENT_OUTCOMES = ['ENROLLED', 'REFUSED'] as const;
/** A booking is BOOKED, or REFUSED when a VNeID purchase is (with the first refusal's reason). */
export const BOOKING_OUTCOMES = ['BOOKED', 'REFUSED'] as const;
const ENROLMENT_REASONS = [
  'ALREADY_ENROLLED',
  'INVALID_DOCUMENT',
  'NOT_IN_POPULATION_REGISTER',
  'VNEID_LEVEL_TOO_LOW',
  'OUTSIDE_APP_WINDOW',
  'LIVENESS_FAILED',
] as const;
const ALL_REASONS = [
  ...new Set<string>([
    ...REASON_CODES,
    ...SERVICE_REASONS,
    ...ENROLMENT_REASONS,
    ...VNEID_PURCHASE_REFUSALS,
  ]),
];

export class ScenarioDocumentDto {
  @IsString(expected('a document type string, e.g. CITIZEN_ID_CARD'))
  type!: string;

  @IsString(expected('a document number string (quote it: "079200001234")'))
  number!: string;

  @OptionalField()
  @IsLocalDate()
  expiresOn?: string;
}

/** A flight as the airline books it (the booking API's own rules); `international` defaults to false. */
export class ScenarioFlightDto extends BookedFlightDto {
  @OptionalField()
  override international = false;
}

export class ScenarioAirportDto {
  @OptionalField()
  @IsIn(OUTAGES, { each: true, ...expected(`outages among ${OUTAGES.join(', ')}`) })
  @IsArray(expected('a list of outages, e.g. [KIOSK]'))
  outages?: (typeof OUTAGES)[number][];
}

/** What the simulated population register says about this passenger (default: level 2). */
export class ScenarioRegisterDto extends RegisterFactsDto {
  /** The chip photo shows another passenger of the scenario: enrolment will not match. */
  @OptionalField()
  @Matches(REF, expected(`another passenger's ${REF_EXPECTATION}`))
  @IsString(expected(`another passenger's ${REF_EXPECTATION}`))
  chipPhotoOf?: string;
}

export class ScenarioPassengerDto {
  @IsString(expected('a surname string'))
  surname!: string;

  @IsString(expected('a given name string'))
  givenName!: string;

  @OptionalField()
  @IsLocalDate()
  birthDate?: string;

  @ValidateNested()
  @Type(() => ScenarioDocumentDto)
  @IsObject(expected('a document: type, number and optionally expiresOn'))
  document!: ScenarioDocumentDto;

  @OptionalField()
  @Min(0, expected('an integer >= 0'))
  @IsInt(expected('an integer >= 0'))
  checkedBags?: number;

  @OptionalField()
  @IsString({ each: true, ...expected('special-service codes, e.g. [WCHR]') })
  @IsArray(expected('a list of special-service codes, e.g. [WCHR]'))
  ssr?: string[];

  @OptionalField()
  @ValidateNested()
  @Type(() => ScenarioRegisterDto)
  @IsObject(expected('population register facts: registered, vneidLevel, chipPhotoOf'))
  register?: ScenarioRegisterDto;
}

class PassengerStepDto {
  @Matches(REF, expected(`a passenger ${REF_EXPECTATION}`))
  @IsString(expected(`a passenger ${REF_EXPECTATION}`))
  passenger!: string;
}

class FaceStepDto extends PassengerStepDto {
  @OptionalField()
  @IsIn(FACES, expected(`one of ${FACES.join(', ')}`))
  face?: Face;

  /** The capture's noise seed; by default derived from the scenario's name and step number. */
  @OptionalField()
  @MaxLength(64, expected('a seed of at most 64 characters'))
  @IsString(expected('a seed string'))
  seed?: string;
}

export class BookStepDto {
  @Matches(/^[A-Z0-9]{6}$/, expected('a 6-character record locator, e.g. JRNY01'))
  @IsString(expected('a 6-character record locator, e.g. JRNY01'))
  pnr!: string;

  @Matches(REF, expected(`a flight ${REF_EXPECTATION}`))
  @IsString(expected(`a flight ${REF_EXPECTATION}`))
  flight!: string;

  @Matches(REF, { each: true, ...expected(`passenger references`) })
  @MinLength(1, { each: true, ...expected('passenger references') })
  @IsArray(expected('a list of passenger references, e.g. [hoa]'))
  passengers!: string[];

  /** Where the tickets were bought: AIRLINE (the default) or VNEID_APP (checked against the register). */
  @OptionalField()
  @IsIn(PURCHASE_CHANNELS, expected(`one of ${PURCHASE_CHANNELS.join(', ')}`))
  channel?: (typeof PURCHASE_CHANNELS)[number];

  /** A VNEID_APP purchase shares identity data: defaults to true; false tests the 400. */
  @OptionalField()
  @IsBoolean(expected('true or false'))
  consent?: boolean;
}

export class EnrolStepDto extends FaceStepDto {
  @IsIn(ENROLMENT_CHANNELS, expected(`one of ${ENROLMENT_CHANNELS.join(', ')}`))
  channel!: (typeof ENROLMENT_CHANNELS)[number];

  /** Defaults to true; false tests that enrolment without consent is refused. */
  @OptionalField()
  @IsBoolean(expected('true or false'))
  consent?: boolean;
}

export class WithdrawConsentStepDto extends PassengerStepDto {}
export class JourneyStepDto extends PassengerStepDto {}

export class CheckInStepDto extends FaceStepDto {
  @IsIn(CHECK_IN_CHANNELS, expected(`one of ${CHECK_IN_CHANNELS.join(', ')}`))
  channel!: (typeof CHECK_IN_CHANNELS)[number];
}

export class ChannelsStepDto extends PassengerStepDto {
  @IsIn(CHECK_IN_CHANNELS, expected(`one of ${CHECK_IN_CHANNELS.join(', ')}`))
  channel!: (typeof CHECK_IN_CHANNELS)[number];
}

class GateStepDto extends FaceStepDto {
  @IsIn(LANES, expected(`one of ${LANES.join(', ')}`))
  lane!: (typeof LANES)[number];

  /** Default: the flight's origin. */
  @OptionalField()
  @Matches(/^[A-Z]{3}$/, expected('a 3-letter IATA airport code'))
  @IsString(expected('a 3-letter IATA airport code'))
  airport?: string;

  /** Presents this text instead of the passenger's boarding pass (forged, foreign, malformed). */
  @OptionalField()
  @MaxLength(400, expected('boarding pass text of at most 400 characters'))
  @IsString(expected('boarding pass text'))
  boardingPass?: string;

  /** Presents this document instead of the booked one. */
  @OptionalField()
  @ValidateNested()
  @Type(() => ScenarioDocumentDto)
  @IsObject(expected('a document: type, number and optionally expiresOn'))
  document?: ScenarioDocumentDto;
}

export class SecurityStepDto extends GateStepDto {}

export class BoardStepDto extends GateStepDto {
  @Matches(/^[A-Z0-9]{1,4}$/, expected('a gate string, e.g. "12"'))
  @IsString(expected('a gate string (quote it: "12")'))
  gate!: string;
}

class FlightStepDto {
  @Matches(REF, expected(`a flight ${REF_EXPECTATION}`))
  @IsString(expected(`a flight ${REF_EXPECTATION}`))
  flight!: string;
}

export class OpenBoardingStepDto extends FlightStepDto {
  @Matches(/^[A-Z0-9]{1,4}$/, expected('a gate string, e.g. "12"'))
  @IsString(expected('a gate string (quote it: "12")'))
  gate!: string;
}

export class CloseBoardingStepDto extends FlightStepDto {}
export class ManifestStepDto extends FlightStepDto {}

export class OutageStepDto {
  @Matches(/^[A-Z]{3}$/, expected('a 3-letter IATA airport code'))
  @IsString(expected('a 3-letter IATA airport code'))
  airport!: string;

  @IsIn(OUTAGES, expected(`one of ${OUTAGES.join(', ')}`))
  kind!: (typeof OUTAGES)[number];

  @IsIn(OUTAGE_STATES, expected(`one of ${OUTAGE_STATES.join(', ')}`))
  state!: (typeof OUTAGE_STATES)[number];
}

/** The expectations a touchpoint's policy decision answers, under the decision's own names. */
export const DECISION_FIELDS = [
  'outcome',
  'reason',
  'redirectTo',
  'phase',
  'rules',
  'incentiveWindow',
] as const satisfies readonly (keyof ExpectationDto)[];

/** What a step should produce; only the fields given are checked. */
export class ExpectationDto {
  @OptionalField()
  @Min(100, expected('an HTTP status code'))
  @IsInt(expected('an HTTP status code, e.g. 201'))
  status?: number;

  @OptionalField()
  @IsIn([...new Set([...OUTCOMES, ...ENROLMENT_OUTCOMES, ...BOOKING_OUTCOMES])], {
    ...expected(
      `one of ${[...new Set([...OUTCOMES, ...ENROLMENT_OUTCOMES, ...BOOKING_OUTCOMES])].join(', ')}`,
    ),
  })
  outcome?: string;

  @OptionalField()
  @IsIn(ALL_REASONS, expected(`a reason code: one of ${ALL_REASONS.join(', ')}`))
  reason?: string;

  @OptionalField()
  @IsIn([...CHECK_IN_CHANNELS, ...LANES], {
    ...expected(`one of ${[...CHECK_IN_CHANNELS, ...LANES].join(', ')}`),
  })
  redirectTo?: string;

  @OptionalField()
  @IsIn(PHASES, expected(`one of ${PHASES.join(', ')}`))
  phase?: string;

  @OptionalField()
  @IsIn(RULE_IDS, { each: true, ...expected(`rule ids among ${RULE_IDS.join(', ')}`) })
  @IsArray(expected('a list of rule ids, e.g. [R5]'))
  rules?: string[];

  @OptionalField()
  @IsBoolean(expected('true or false'))
  incentiveWindow?: boolean;

  /** Security and boarding: the lane the passenger goes on at (the step's, or where sent). */
  @OptionalField()
  @IsIn(LANES, expected(`one of ${LANES.join(', ')}`))
  lane?: string;

  @OptionalField()
  @IsIn(ALERTS, expected(`one of ${ALERTS.join(', ')}`))
  alert?: string;

  @OptionalField()
  @IsBoolean(expected('true or false'))
  cleared?: boolean;

  @OptionalField()
  @IsBoolean(expected('true or false'))
  boarded?: boolean;

  @OptionalField()
  @IsString(expected('a seat string, e.g. "1A"'))
  seat?: string;

  @OptionalField()
  @IsBoolean(expected('true or false'))
  incentiveEligible?: boolean;

  /** R9: all four steps, the ticket purchase included, biometric inside the window. */
  @OptionalField()
  @IsBoolean(expected('true or false'))
  fullBiometric?: boolean;

  @OptionalField()
  @IsIn(PURCHASE_CHANNELS, expected(`one of ${PURCHASE_CHANNELS.join(', ')}`))
  purchaseChannel?: string;

  @OptionalField()
  @Min(0, expected('an integer >= 0'))
  @IsInt(expected('an integer >= 0'))
  journeySteps?: number;

  @OptionalField()
  @Min(0, expected('an integer >= 0'))
  @IsInt(expected('an integer >= 0'))
  templatesDeleted?: number;

  @OptionalField()
  @Min(0, expected('an integer >= 0'))
  @IsInt(expected('an integer >= 0'))
  boardedCount?: number;

  @OptionalField()
  @Min(0, expected('an integer >= 0'))
  @IsInt(expected('an integer >= 0'))
  missingCount?: number;
}

/** One timed step: an action, or only a move of the clock, with what it should produce. */
export class ScenarioStepDto {
  @OptionalField()
  @MaxLength(120, expected('a step name of at most 120 characters'))
  @IsString(expected('a step name string'))
  name?: string;

  /** Moves the clock to this instant before the action (or alone, as a step of its own). */
  @OptionalField()
  @IsInstant(expected(INSTANT_EXPECTATION))
  at?: string;

  @OptionalField()
  @Matches(/^(?=\d)(\d+d)?(\d+h)?(\d+m)?(\d+s)?$/, expected('a duration such as 2h, 30m or 1d2h'))
  @IsString(expected('a duration string such as 2h, 30m or 1d2h'))
  advance?: string;

  @OptionalField() @ValidateNested() @Type(() => BookStepDto) book?: BookStepDto;
  @OptionalField() @ValidateNested() @Type(() => EnrolStepDto) enrol?: EnrolStepDto;
  @OptionalField()
  @ValidateNested()
  @Type(() => WithdrawConsentStepDto)
  withdrawConsent?: WithdrawConsentStepDto;
  @OptionalField() @ValidateNested() @Type(() => ChannelsStepDto) channels?: ChannelsStepDto;
  @OptionalField() @ValidateNested() @Type(() => CheckInStepDto) checkIn?: CheckInStepDto;
  @OptionalField() @ValidateNested() @Type(() => SecurityStepDto) security?: SecurityStepDto;
  @OptionalField() @ValidateNested() @Type(() => BoardStepDto) board?: BoardStepDto;
  @OptionalField()
  @ValidateNested()
  @Type(() => OpenBoardingStepDto)
  openBoarding?: OpenBoardingStepDto;
  @OptionalField()
  @ValidateNested()
  @Type(() => CloseBoardingStepDto)
  closeBoarding?: CloseBoardingStepDto;
  @OptionalField() @ValidateNested() @Type(() => OutageStepDto) outage?: OutageStepDto;
  /** `purge: {}`: runs the template purge at the scenario's instant. */
  @OptionalField()
  @IsObject(expected('{} (the purge takes no parameters)'))
  purge?: Record<string, unknown>;
  @OptionalField() @ValidateNested() @Type(() => JourneyStepDto) journey?: JourneyStepDto;
  @OptionalField() @ValidateNested() @Type(() => ManifestStepDto) manifest?: ManifestStepDto;

  @OptionalField()
  @ValidateNested()
  @Type(() => ExpectationDto)
  @IsObject(expected('expectations: outcome, reason, redirectTo, lane, alert, ...'))
  expect?: ExpectationDto;
}

export const STEP_ACTIONS = [
  'advance',
  'book',
  'enrol',
  'withdrawConsent',
  'channels',
  'checkIn',
  'security',
  'board',
  'openBoarding',
  'closeBoarding',
  'outage',
  'purge',
  'journey',
  'manifest',
] as const;
export type StepActionName = (typeof STEP_ACTIONS)[number];

/** The top of a scenario file; flights, passengers and steps are checked entry by entry. */
export class ScenarioHeaderDto {
  @MaxLength(120, expected('a scenario name of at most 120 characters'))
  @IsString(expected('a scenario name string'))
  name!: string;

  @OptionalField()
  @IsString(expected('a description string'))
  description?: string;

  /** The instant the scenario starts at. */
  @IsInstant(expected(INSTANT_EXPECTATION))
  clock!: string;

  /** Airports by IATA code, with what is down when the scenario starts. */
  @OptionalField()
  @IsObject(expected('airports by IATA code: e.g. { SGN: { outages: [KIOSK] } }'))
  airports?: Record<string, unknown>;

  @IsObject(expected('flights by reference: e.g. { VN213: { carrier: VN, ... } }'))
  flights!: Record<string, unknown>;

  @IsObject(expected('passengers by reference: e.g. { hoa: { surname: LE, ... } }'))
  passengers!: Record<string, unknown>;

  @IsArray(expected('a list of steps'))
  steps!: unknown[];
}

import { Type, type ClassConstructor } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { expected, IsInstant, IsLocalDate } from '../input/field-validators';
import { formatInputError, type InputError, type ParseResult } from '../input/input-error';
import { parseJsonText } from '../input/json-text';
import { validateInput } from '../input/validated-input';
import { QUEUES, type QueueName } from './operations-events';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

/** The envelope every message carries (libs/messaging EventEnvelope), as a consumer checks it. */
export class EventEnvelopeDto {
  @IsUUID('4', expected('a UUID v4 event id'))
  eventId!: string;

  @IsString(expected('the event type'))
  type!: string;

  @Min(1, expected('a version >= 1'))
  @IsInt(expected('a version >= 1'))
  version!: number;

  @IsInstant()
  occurredAt!: string;

  @IsString(expected('the partition key (passenger id)'))
  key!: string;

  @IsString(expected('a correlation id'))
  correlationId!: string;

  @IsString(expected('the producing service'))
  producer!: string;

  @IsObject(expected('the payload object'))
  payload!: object;
}

export class FlightRefDto {
  @IsUUID('4', expected('a flight id')) flightId!: string;
  @IsString(expected('an airline code')) carrier!: string;
  @IsString(expected('a flight number')) number!: string;
  @IsLocalDate() date!: string;
  @Matches(/^[A-Z]{3}$/, expected('an airport code')) origin!: string;
  @Matches(/^[A-Z]{3}$/, expected('an airport code')) destination!: string;
  @IsInstant() departureAt!: string;
  @IsBoolean(expected('true or false')) international!: boolean;
}

class FaceVerificationDto {
  @IsNumber({}, expected('a similarity')) similarity!: number;
  @IsBoolean(expected('true or false')) matched!: boolean;
  @IsBoolean(expected('true or false')) live!: boolean;
}

/** The decision a touchpoint event carries (libs/domain TouchpointDecision). */
export class StepDecisionDto {
  @IsString(expected('a phase')) phase!: string;
  @IsIn(['ALLOWED', 'REDIRECTED', 'REJECTED'], expected('ALLOWED, REDIRECTED or REJECTED'))
  outcome!: 'ALLOWED' | 'REDIRECTED' | 'REJECTED';

  @IsOptional()
  @IsString(expected('the point redirected to'))
  redirectTo?: string;

  @IsString(expected('a reason code')) reason!: string;
  @IsArray(expected('the rule ids')) rules!: string[];
  @IsBoolean(expected('true or false')) incentiveWindow!: boolean;

  @IsOptional()
  @Type(() => FaceVerificationDto)
  @ValidateNested()
  @IsObject(expected('the face verification'))
  verification?: FaceVerificationDto;
}

class IssuedBoardingPassDto {
  @IsString(expected('a BCBP string')) bcbp!: string;
  @IsString(expected('a seat')) seat!: string;
  @IsInt(expected('a sequence number')) sequence!: number;
}

/** A passenger of a booking (PassengerBookedV1): gates learn of the flight, for boarding to be opened. */
export class PassengerBookedPayloadDto {
  @IsUUID('4', expected('a booking id')) bookingId!: string;
  @IsString(expected('a PNR')) pnr!: string;
  @IsUUID('4', expected('a passenger id')) passengerId!: string;
  @IsString(expected('a surname')) surname!: string;
  @IsString(expected('a given name')) givenName!: string;

  @Type(() => FlightRefDto)
  @ValidateNested()
  @IsObject(expected('the flight'))
  flight!: FlightRefDto;
}

export class CheckInDecidedPayloadDto {
  @IsUUID('4', expected('a passenger id')) passengerId!: string;

  @Type(() => FlightRefDto)
  @ValidateNested()
  @IsObject(expected('the flight'))
  flight!: FlightRefDto;

  @IsIn(['COUNTER', 'KIOSK', 'BIOMETRIC'], expected('a check-in channel')) channel!: string;
  @IsInstant() at!: string;
  @Type(() => StepDecisionDto)
  @ValidateNested()
  @IsObject(expected('the decision'))
  decision!: StepDecisionDto;

  @IsOptional()
  @Type(() => IssuedBoardingPassDto)
  @ValidateNested()
  @IsObject(expected('the boarding pass'))
  boardingPass?: IssuedBoardingPassDto;
}

class Base64SealedDto {
  @Matches(/^[A-Za-z0-9+/]+=*$/, expected('base64')) ciphertext!: string;
  @Matches(/^[A-Za-z0-9+/]+=*$/, expected('base64')) iv!: string;
  @Matches(/^[A-Za-z0-9+/]+=*$/, expected('base64')) tag!: string;
}

class SealedGalleryTemplateDto {
  @Type(() => Base64SealedDto)
  @ValidateNested()
  @IsDefined(expected('the wrapped data key'))
  wrappedKey!: Base64SealedDto;

  @Type(() => Base64SealedDto)
  @ValidateNested()
  @IsDefined(expected('the sealed template'))
  template!: Base64SealedDto;
}

export class GalleryEntryStagedPayloadDto {
  @IsUUID('4', expected('a passenger id')) passengerId!: string;
  @IsUUID('4', expected('a template id')) templateId!: string;

  @Type(() => FlightRefDto)
  @ValidateNested()
  @IsObject(expected('the flight'))
  flight!: FlightRefDto;

  @Type(() => SealedGalleryTemplateDto)
  @ValidateNested()
  @IsObject(expected('the sealed template'))
  sealed!: SealedGalleryTemplateDto;
}

export class TemplateDeletedPayloadDto {
  @IsUUID('4', expected('an enrolment id')) enrolmentId!: string;
  @IsUUID('4', expected('a template id')) templateId!: string;
  @IsIn(['CONSENT_WITHDRAWN', 'RETENTION_EXPIRED'], expected('a deletion reason')) reason!: string;
}

export class SecurityDecidedPayloadDto {
  @IsUUID('4', expected('a passenger id')) passengerId!: string;

  @Type(() => FlightRefDto)
  @ValidateNested()
  @IsObject(expected('the flight'))
  flight!: FlightRefDto;

  @Matches(/^[A-Z]{3}$/, expected('an airport code')) airport!: string;
  @IsIn(['AUTOMATED', 'MANUAL'], expected('a lane')) lane!: string;
  @IsInstant() at!: string;
  @IsBoolean(expected('true or false')) cleared!: boolean;
  @Type(() => StepDecisionDto)
  @ValidateNested()
  @IsObject(expected('the decision'))
  decision!: StepDecisionDto;
}

/** What one consumer accepts: `Type@version` to the DTO of its payload. */
export type AcceptedEvents = Readonly<Record<string, ClassConstructor<object>>>;

export type ParsedEvent =
  | {
      readonly kind: 'event';
      readonly type: string;
      readonly envelope: EventEnvelopeDto;
      readonly payload: object;
    }
  | { readonly kind: 'ignored'; readonly type: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * A message off the wire: JSON, a valid envelope, and (for the events this consumer accepts) a
 * valid payload of a version it knows. Other event types are ignored; anything malformed is
 * `invalid`, with a reason fit for the dead-letter topic.
 *
 * The same text always reads the same, so the last messages' readings are kept: in one process
 * (the embedded default) every group subscribed to a topic reads each message, and reading it
 * (JSON, class-transformer, class-validator) was most of what consuming it cost outside the
 * database. The envelope and payload handed out are then shared by those groups: consumers
 * read them and never change them.
 */
export function parseEventMessage(value: string, accepted: AcceptedEvents): ParsedEvent {
  const reading = readingOf(value);
  if (!reading.envelope.ok) return invalid(reading.envelope.errors);
  const envelope = reading.envelope.value;
  const { type, version } = envelope;
  const known = Object.keys(accepted).filter((key) => key.startsWith(`${type}@`));
  if (known.length === 0) return { kind: 'ignored', type };
  const dto = accepted[`${type}@${version}`];
  if (dto === undefined) {
    return {
      kind: 'invalid',
      reason: `${type} version ${version} is not one this consumer reads (${known.join(', ')})`,
    };
  }
  let payload = reading.payloads.get(dto);
  if (payload === undefined) {
    payload = validateInput(dto, envelope.payload, 'payload', { allowUnknownFields: true });
    reading.payloads.set(dto, payload);
  }
  if (!payload.ok) return invalid(payload.errors);
  return { kind: 'event', type, envelope, payload: payload.value };
}

/** A message's envelope, and its payload as each DTO it was read as. */
interface MessageReading {
  readonly envelope: ParseResult<EventEnvelopeDto>;
  readonly payloads: Map<ClassConstructor<object>, ParseResult<object>>;
}

/** Enough for every group of a process to find a message its first reader read. */
const KEPT_READINGS = 1_024;
/**
 * Events are 1-3 kB: a longer text is read but not kept, so that the kept readings stay a few
 * megabytes whatever a producer sends (a process with one group, as each distributed service
 * is, never finds a text again).
 */
const KEPT_TEXT_MAX = 16_384;
const recentReadings = new Map<string, MessageReading>();

function readingOf(value: string): MessageReading {
  const kept = recentReadings.get(value);
  if (kept !== undefined) return kept;
  const json = parseJsonText(value);
  const reading: MessageReading = {
    envelope: json.ok
      ? validateInput(EventEnvelopeDto, json.value, 'envelope', { allowUnknownFields: true })
      : json,
    payloads: new Map(),
  };
  if (value.length > KEPT_TEXT_MAX) return reading;
  recentReadings.set(value, reading);
  // A Map iterates in insertion order: the first key is the oldest.
  if (recentReadings.size > KEPT_READINGS)
    recentReadings.delete(recentReadings.keys().next().value as string);
  return reading;
}

function invalid(errors: readonly InputError[]): ParsedEvent {
  return { kind: 'invalid', reason: errors.map(formatInputError).join('; ') };
}

export class BoardingDecidedPayloadDto {
  @IsUUID('4', expected('a passenger id')) passengerId!: string;

  @Type(() => FlightRefDto)
  @ValidateNested()
  @IsObject(expected('the flight'))
  flight!: FlightRefDto;

  @IsString(expected('a gate')) gate!: string;
  @Matches(/^[A-Z]{3}$/, expected('an airport code')) airport!: string;
  @IsIn(['AUTOMATED', 'MANUAL'], expected('a lane')) lane!: string;
  @IsInstant() at!: string;
  @IsBoolean(expected('true or false')) boarded!: boolean;
  @Type(() => StepDecisionDto)
  @ValidateNested()
  @IsObject(expected('the decision'))
  decision!: StepDecisionDto;
}

export class AirportOutageChangedPayloadDto {
  @Matches(/^[A-Z]{3}$/, expected('an airport code')) airport!: string;
  @IsIn(['BIOMETRIC', 'KIOSK'], expected('an outage')) outage!: string;
  @IsBoolean(expected('true or false')) inForce!: boolean;
  @IsInstant() at!: string;
}

export class LaneAlertRaisedPayloadDto {
  @IsUUID('4', expected('an alert id')) alertId!: string;
  @Matches(/^[A-Z]{3}$/, expected('an airport code')) airport!: string;
  @IsIn(['SECURITY', 'BOARDING'], expected('SECURITY or BOARDING')) touchpoint!: string;
  @IsIn(['AUTOMATED', 'MANUAL'], expected('a lane')) lane!: string;

  @IsOptional()
  @IsString(expected('a gate'))
  gate?: string;

  @IsString(expected('an alert kind')) kind!: string;
  @IsString(expected('a detail')) detail!: string;
  @IsInstant() at!: string;

  @IsOptional()
  @IsUUID('4', expected('a passenger id'))
  passengerId?: string;

  @IsOptional()
  @Type(() => FlightRefDto)
  @ValidateNested()
  @IsObject(expected('the flight'))
  flight?: FlightRefDto;
}

export class BoardingChangedPayloadDto {
  @Matches(/^[A-Z]{3}$/, expected('an airport code')) airport!: string;
  @IsString(expected('an airline code')) carrier!: string;
  @IsString(expected('a flight number')) number!: string;
  @IsLocalDate() date!: string;
  @IsString(expected('a gate')) gate!: string;
  @IsIn(['OPEN', 'CLOSED'], expected('OPEN or CLOSED')) state!: string;
  @IsInstant() at!: string;
}

/** A ticket bought in the VNeID app (TicketPurchasedV1); no service reads it yet. */
export class TicketPurchasedPayloadDto {
  @IsUUID('4', expected('a booking id')) bookingId!: string;
  @IsString(expected('a PNR')) pnr!: string;
  @IsUUID('4', expected('a passenger id')) passengerId!: string;
  @IsIn(['VNEID_APP'], expected('VNEID_APP')) channel!: string;
  @IsInstant() at!: string;
  @IsInstant() identityConsentAt!: string;
  @IsBoolean(expected('true or false')) incentiveWindow!: boolean;

  @Type(() => FlightRefDto)
  @ValidateNested()
  @IsObject(expected('the flight'))
  flight!: FlightRefDto;
}

/** Consent to the face template withdrawn (ConsentWithdrawnV1); no service reads it yet. */
export class ConsentWithdrawnPayloadDto {
  @IsUUID('4', expected('an enrolment id')) enrolmentId!: string;
  @IsUUID('4', expected('a template id')) templateId!: string;
  @IsUUID('4', expected('a passenger id')) passengerId!: string;
}

export class PassengerEnrolledPayloadDto {
  @IsUUID('4', expected('an enrolment id')) enrolmentId!: string;
  @IsUUID('4', expected('a template id')) templateId!: string;
  @IsUUID('4', expected('a passenger id')) passengerId!: string;
  @IsIn(['COUNTER', 'VNEID_APP'], expected('COUNTER or VNEID_APP')) channel!: string;
}

/** One queue sensor's reading (QueueReading). */
export class QueueReadingDto {
  @IsIn(QUEUES, expected(`one of ${QUEUES.join(', ')}`)) queue!: QueueName;

  @Max(100_000, expected('a whole number of people from 0 to 100000'))
  @Min(0, expected('a whole number of people from 0 to 100000'))
  @IsInt(expected('a whole number of people from 0 to 100000'))
  length!: number;

  @Max(86_400, expected('a whole number of seconds from 0 to 86400'))
  @Min(0, expected('a whole number of seconds from 0 to 86400'))
  @IsInt(expected('a whole number of seconds from 0 to 86400'))
  waitSeconds!: number;
}

export class QueuesObservedPayloadDto {
  @Matches(/^[A-Z]{3}$/, expected('an airport code')) airport!: string;
  @IsInstant() at!: string;

  @Type(() => QueueReadingDto)
  @ValidateNested({ each: true })
  @IsObject({ each: true, ...expected('a queue reading { queue, length, waitSeconds }') })
  @ArrayMaxSize(QUEUES.length, expected(`at most ${QUEUES.length} readings, one per queue`))
  @IsArray(expected('an array of queue readings'))
  readings!: QueueReadingDto[];
}

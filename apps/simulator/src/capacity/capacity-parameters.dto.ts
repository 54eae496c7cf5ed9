import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { expected, OptionalField } from '@biogate/contracts';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

const share = (what: string) => expected(`a share from 0 to 1 (${what})`);

export class PassengerMixDto {
  @Max(1, share('checked bag'))
  @Min(0, share('checked bag'))
  @IsNumber({}, share('checked bag'))
  checkedBag!: number;
  @Max(1, share('national e-ID'))
  @Min(0, share('national e-ID'))
  @IsNumber({}, share('national e-ID'))
  nationalEid!: number;
  @Max(1, share('enrolled'))
  @Min(0, share('enrolled'))
  @IsNumber({}, share('enrolled'))
  enrolled!: number;
  @Max(1, share('special'))
  @Min(0, share('special'))
  @IsNumber({}, share('special'))
  special!: number;
  @Max(1, share('online check-in'))
  @Min(0, share('online check-in'))
  @IsNumber({}, share('online check-in'))
  onlineCheckIn!: number;
  /** Among national e-ID holders: bought the ticket in the VNeID app (the first biometric step). */
  @Max(1, share('VNeID purchase'))
  @Min(0, share('VNeID purchase'))
  @IsNumber({}, share('VNeID purchase'))
  vneidPurchase!: number;
  /** Among enrolled passengers: enrolled in the VNeID app (the rest at a check-in counter). */
  @Max(1, share('app enrolment'))
  @Min(0, share('app enrolment'))
  @IsNumber({}, share('app enrolment'))
  appEnrolment!: number;
}

export class PreferencesDto {
  @Max(1, share('try biometric'))
  @Min(0, share('try biometric'))
  @IsNumber({}, share('try biometric'))
  enrolledTryBiometric!: number;
  @Max(1, share('try kiosk'))
  @Min(0, share('try kiosk'))
  @IsNumber({}, share('try kiosk'))
  tryKiosk!: number;
}

export class MinutesRangeDto {
  @Min(0, expected('minutes >= 0')) @IsNumber({}, expected('minutes')) min!: number;
  @Min(0, expected('minutes >= 0')) @IsNumber({}, expected('minutes')) mode!: number;
  @Min(0, expected('minutes >= 0')) @IsNumber({}, expected('minutes')) max!: number;
}

export class ShowUpDto {
  @Type(() => MinutesRangeDto)
  @ValidateNested()
  @IsObject(expected('{ min, mode, max } minutes'))
  domestic!: MinutesRangeDto;
  @Type(() => MinutesRangeDto)
  @ValidateNested()
  @IsObject(expected('{ min, mode, max } minutes'))
  international!: MinutesRangeDto;
}

export const DISTRIBUTION_KINDS = [
  'fixed',
  'uniform',
  'exponential',
  'triangular',
  'lognormal',
] as const;

/** A service time distribution; which numbers it needs depends on `kind` (checked after). */
export class DistributionDto {
  @IsIn(DISTRIBUTION_KINDS, expected(`one of ${DISTRIBUTION_KINDS.join(', ')}`))
  kind!: (typeof DISTRIBUTION_KINDS)[number];
  @OptionalField()
  @Min(0, expected('seconds >= 0'))
  @IsNumber({}, expected('seconds'))
  value?: number;
  @OptionalField()
  @Min(0, expected('seconds >= 0'))
  @IsNumber({}, expected('seconds'))
  min?: number;
  @OptionalField()
  @Min(0, expected('seconds >= 0'))
  @IsNumber({}, expected('seconds'))
  mode?: number;
  @OptionalField()
  @Min(0, expected('seconds >= 0'))
  @IsNumber({}, expected('seconds'))
  max?: number;
  @OptionalField()
  @Min(0, expected('seconds > 0'))
  @IsNumber({}, expected('seconds'))
  mean?: number;
  @OptionalField() @Min(0, expected('seconds >= 0')) @IsNumber({}, expected('seconds')) sd?: number;
}

const distribution = () => (target: object, property: string | symbol) => {
  Type(() => DistributionDto)(target, property);
  ValidateNested()(target, property);
  IsObject(expected('a distribution { kind, ... }'))(target, property);
};

export class ServiceTimesDto {
  @distribution() counter!: DistributionDto;
  @distribution() kiosk!: DistributionDto;
  @distribution() biometricCheckIn!: DistributionDto;
  @distribution() bagDrop!: DistributionDto;
  @distribution() securityIdManual!: DistributionDto;
  @distribution() securityEGate!: DistributionDto;
  @distribution() screening!: DistributionDto;
  @distribution() boardingManual!: DistributionDto;
  @distribution() boardingEGate!: DistributionDto;
}

/** Who stands in front of the camera at a biometric point; the face model decides the match. */
export class BiometricsDto {
  @Max(1, share('poor capture'))
  @Min(0, share('poor capture'))
  @IsNumber({}, share('poor capture'))
  poorCapture!: number;
  @Max(1, share('impostor'))
  @Min(0, share('impostor'))
  @IsNumber({}, share('impostor'))
  impostor!: number;
  @Max(1, share('presentation attack'))
  @Min(0, share('presentation attack'))
  @IsNumber({}, share('presentation attack'))
  presentationAttack!: number;
}

const perHundred = expected('a number of resources per 100 departures a day, >= 0');

export class ResourcesDto {
  @Min(0, perHundred) @IsNumber({}, perHundred) counters!: number;
  @Min(0, perHundred) @IsNumber({}, perHundred) kiosks!: number;
  @Min(0, perHundred) @IsNumber({}, perHundred) biometricKiosks!: number;
  @Min(0, perHundred) @IsNumber({}, perHundred) bagDrop!: number;
  @Min(0, perHundred) @IsNumber({}, perHundred) securityIdDesks!: number;
  @Min(0, perHundred) @IsNumber({}, perHundred) securityEGates!: number;
  @Min(0, perHundred) @IsNumber({}, perHundred) screeningLanes!: number;
}

export class BoardingDto {
  @Min(1, expected('minutes before departure'))
  @IsNumber({}, expected('minutes'))
  opensMinutes!: number;
  @Min(0, expected('minutes before departure'))
  @IsNumber({}, expected('minutes'))
  closesMinutes!: number;
  @Min(0, expected('a whole number >= 0'))
  @IsInt(expected('a whole number of e-gates per flight'))
  eGatesPerFlight!: number;
  @Min(1, expected('a whole number >= 1'))
  @IsInt(expected('a whole number of staffed desks per flight'))
  manualDesksPerFlight!: number;
}

export class LevelOfServiceDto {
  @Min(0, expected('minutes')) @IsNumber({}, expected('minutes')) optimumMinutes!: number;
  @Min(0, expected('minutes')) @IsNumber({}, expected('minutes')) subOptimalMinutes!: number;
}

/** The fewest of each resource an open airport staffs, whatever its traffic. */
export class ResourceMinimumDto {
  @Min(0, expected('a whole number >= 0')) @IsInt(expected('a whole number')) counters!: number;
  @Min(0, expected('a whole number >= 0')) @IsInt(expected('a whole number')) kiosks!: number;
  @Min(0, expected('a whole number >= 0'))
  @IsInt(expected('a whole number'))
  biometricKiosks!: number;
  @Min(0, expected('a whole number >= 0')) @IsInt(expected('a whole number')) bagDrop!: number;
  @Min(0, expected('a whole number >= 0'))
  @IsInt(expected('a whole number'))
  securityIdDesks!: number;
  @Min(0, expected('a whole number >= 0'))
  @IsInt(expected('a whole number'))
  securityEGates!: number;
  @Min(0, expected('a whole number >= 0'))
  @IsInt(expected('a whole number'))
  screeningLanes!: number;
}

/** seeds/capacity/parameters.yaml */
export class CapacityParametersDto {
  @Type(() => PassengerMixDto)
  @ValidateNested()
  @IsObject(expected('the passenger mix'))
  @IsDefined(expected('the passenger mix'))
  passengerMix!: PassengerMixDto;
  @Type(() => PreferencesDto)
  @ValidateNested()
  @IsObject(expected('the preferences'))
  @IsDefined(expected('the preferences'))
  preferences!: PreferencesDto;
  @Type(() => ShowUpDto)
  @ValidateNested()
  @IsObject(expected('the show-up profile'))
  @IsDefined(expected('the show-up profile'))
  showUp!: ShowUpDto;
  @Type(() => ServiceTimesDto)
  @ValidateNested()
  @IsObject(expected('the service times'))
  @IsDefined(expected('the service times'))
  service!: ServiceTimesDto;
  @Type(() => BiometricsDto)
  @ValidateNested()
  @IsObject(expected('the biometric failure rates'))
  @IsDefined(expected('the biometric failure rates'))
  biometrics!: BiometricsDto;
  @Type(() => ResourcesDto)
  @ValidateNested()
  @IsObject(expected('resources per 100 departures'))
  @IsDefined(expected('resources per 100 departures'))
  resourcesPer100Departures!: ResourcesDto;
  @Type(() => ResourceMinimumDto)
  @ValidateNested()
  @IsObject(expected('the minimum resources of an airport'))
  @IsDefined(expected('the minimum resources of an airport'))
  resourcesMinimum!: ResourceMinimumDto;
  @Type(() => BoardingDto)
  @ValidateNested()
  @IsObject(expected('the boarding window'))
  @IsDefined(expected('the boarding window'))
  boarding!: BoardingDto;
  @Type(() => LevelOfServiceDto)
  @ValidateNested()
  @IsObject(expected('the level-of-service thresholds'))
  @IsDefined(expected('the level-of-service thresholds'))
  levelOfService!: LevelOfServiceDto;
}

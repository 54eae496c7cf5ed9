import { Type } from 'class-transformer';
import {
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
import { expected, OptionalField } from '@biogate/contracts';
import { readJsonFile } from '@biogate/reference-data';
import type { ScheduledFlight } from './flight-schedule';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

export class ScheduledFlightDto {
  /** Local departure time, HH:MM. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, expected('a local time "HH:MM"'))
  @IsString(expected('a local time "HH:MM"'))
  departure!: string;

  @OptionalField()
  @IsBoolean(expected('true or false'))
  international?: boolean;

  /** Departing passengers; seats times load factor of the traffic file when absent. */
  @OptionalField()
  @Max(1000, expected('a number of passengers from 1 to 1000'))
  @Min(1, expected('a number of passengers from 1 to 1000'))
  @IsInt(expected('a whole number of passengers'))
  passengers?: number;
}

/** `--schedule FILE`: an airport's real departures for the day, instead of generated ones. */
export class ScheduleFileDto {
  @OptionalField() @IsString(expected('a description')) description?: string;

  @Type(() => ScheduledFlightDto)
  @ValidateNested({ each: true })
  @IsObject({ each: true, ...expected('a flight { departure, international?, passengers? }') })
  @IsArray(expected('an array of flights { departure, international?, passengers? }'))
  flights!: ScheduledFlightDto[];
}

export function loadSchedule(file: string, defaultPassengers: number): ScheduledFlight[] {
  const { flights } = readJsonFile(file, ScheduleFileDto);
  return flights
    .map((f) => {
      const [hours, minutes] = f.departure.split(':').map(Number) as [number, number];
      return {
        departure: hours * 3600 + minutes * 60,
        international: f.international ?? false,
        passengers: f.passengers ?? defaultPassengers,
      };
    })
    .sort((a, b) => a.departure - b.departure);
}

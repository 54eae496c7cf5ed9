import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import { expected, OptionalField, validateInput, type InputError } from '@biogate/contracts';
import { OUTAGES, type Outage } from '@biogate/domain';
import { YamlInputError, YamlSource } from '../cli/yaml-source';

// Decorators run bottom-up and stop at the first failure: the basic type check sits lowest.

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const OUTAGE_EXPECTED = expected(`one of ${OUTAGES.join(', ')}`);

export class DayEventDto {
  @Matches(LOCAL_TIME, expected('a local time of the day, "HH:MM" or "HH:MM:SS"'))
  @IsString(expected('a local time of the day, "HH:MM" or "HH:MM:SS"'))
  at!: string;

  /** An outage declared at this airport from `at`. */
  @OptionalField()
  @IsIn(OUTAGES, OUTAGE_EXPECTED)
  declare?: Outage;

  /** An outage cleared at `at`. */
  @OptionalField()
  @IsIn(OUTAGES, OUTAGE_EXPECTED)
  clear?: Outage;

  /** Boarding of this departure opens at `at` instead of its planned time (a gate opened late). */
  @OptionalField()
  @Matches(/^[A-Z0-9]{2}\d{1,4}[A-Z]?$/, expected('a departure of the day, e.g. "VN100"'))
  @IsString(expected('a departure of the day, e.g. "VN100"'))
  openBoarding?: string;
}

export class DayEventsFileDto {
  @OptionalField() @IsString(expected('a description')) description?: string;

  @Type(() => DayEventDto)
  @ValidateNested({ each: true })
  @IsObject({ each: true, ...expected('an event { at, declare | clear | openBoarding }') })
  @IsArray(expected('a list of events'))
  events!: DayEventDto[];
}

/** What happens at a second of the day (seconds after local midnight) besides the passengers. */
export type DayEvent =
  | {
      readonly at: number;
      readonly kind: 'DECLARE_OUTAGE' | 'CLEAR_OUTAGE';
      readonly outage: Outage;
    }
  | {
      readonly at: number;
      readonly kind: 'OPEN_BOARDING';
      /** The departure, as the day names its flights: carrier and number, "VN100". */
      readonly flight: string;
      /** `file:line` of the event, for a message about the flight. */
      readonly source: string;
    };

/** Reads a what-if events file; every problem is file:line: path: what was expected. */
export function loadDayEvents(file: string): DayEvent[] {
  return checkedEvents(YamlSource.read(file));
}

export function parseDayEvents(text: string, file: string): DayEvent[] {
  return checkedEvents(YamlSource.parse(text, file));
}

function checkedEvents(source: YamlSource): DayEvent[] {
  const validated = validateInput(DayEventsFileDto, source.value(), '');
  if (!validated.ok) throw new YamlInputError(source.describe(validated.errors));
  const problems: InputError[] = [];
  const events: DayEvent[] = [];
  validated.value.events.forEach((event, i) => {
    const actions = [event.declare, event.clear, event.openBoarding].filter((a) => a !== undefined);
    if (actions.length !== 1) {
      problems.push({
        path: `events[${i}]`,
        message: 'expected exactly one of declare: OUTAGE, clear: OUTAGE or openBoarding: FLIGHT',
      });
      return;
    }
    const [h, m, s] = event.at.split(':').map(Number);
    const at = (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
    if (event.openBoarding !== undefined) {
      const path = `events[${i}].openBoarding`;
      events.push({
        at,
        kind: 'OPEN_BOARDING',
        flight: event.openBoarding,
        source: `${source.file}:${source.lineOf(path)}: ${path}`,
      });
      return;
    }
    events.push({
      at,
      kind: event.declare === undefined ? 'CLEAR_OUTAGE' : 'DECLARE_OUTAGE',
      outage: (event.declare ?? event.clear) as Outage,
    });
  });
  if (problems.length > 0) throw new YamlInputError(source.describe(problems));
  // The file's order is kept for events at the same second: a declare then a clear is a blip.
  return events
    .map((event, i) => ({ event, i }))
    .sort((a, b) => a.event.at - b.event.at || a.i - b.i)
    .map(({ event }) => event);
}

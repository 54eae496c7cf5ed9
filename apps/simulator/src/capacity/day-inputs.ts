import { join } from 'node:path';
import type { PhasePolicy } from '@biogate/domain';
import { ReferenceDataError, seedsDirectory } from '@biogate/reference-data';
import { CliInputError } from '../cli/cli-input-error';
import type { CliIo } from '../cli/cli-io';
import { YamlInputError } from '../cli/yaml-source';
import { loadPolicy } from '../policy/policy-source';
import type { AirportDayInput } from './airport-day';
import { loadAirportTraffic, type AirportTrafficFileDto } from './airport-traffic';
import { loadCapacityParameters, type CapacityParameters } from './capacity-parameters';
import { loadDayEvents, type DayEvent } from './day-events';
import type { ScheduledFlight } from './flight-schedule';
import { loadSchedule } from './schedule-file';

/** The files an airport day is made of, as `simulate` and `live` take them. */
export interface DayFileOptions {
  readonly params?: string;
  readonly traffic?: string;
  readonly schedule?: string;
  readonly policy?: string;
  readonly events?: string;
}

export interface DayInputs {
  readonly policy: PhasePolicy;
  readonly isAirport: (code: string) => boolean;
  readonly parameters: CapacityParameters;
  readonly traffic: AirportTrafficFileDto;
  readonly schedule?: readonly ScheduledFlight[];
  readonly events?: readonly DayEvent[];
}

/** Reads and checks every input file; a problem is an input error naming file and field. */
export function loadDayInputs(options: DayFileOptions, env: CliIo['env']): DayInputs {
  const { airports, policy } = loadPolicy(options.policy, env);
  const seeds = seedsDirectory(env);
  const parameters = withInputErrors(() =>
    loadCapacityParameters(options.params ?? join(seeds, 'capacity', 'parameters.yaml')),
  );
  const traffic = withInputErrors(() =>
    loadAirportTraffic(options.traffic ?? join(seeds, 'capacity', 'airport-traffic.json')),
  );
  const schedule =
    options.schedule === undefined
      ? undefined
      : withInputErrors(() =>
          loadSchedule(
            options.schedule ?? '',
            Math.round(traffic.seatsPerFlight * traffic.loadFactor),
          ),
        );
  const events =
    options.events === undefined
      ? undefined
      : withInputErrors(() => loadDayEvents(options.events ?? ''));
  return {
    policy,
    isAirport: (code) => airports.has(code),
    parameters,
    traffic,
    ...(schedule === undefined ? {} : { schedule }),
    ...(events === undefined ? {} : { events }),
  };
}

/** One airport's day from the inputs, or an input error when the traffic file lacks it. */
export function airportDayInput(
  inputs: DayInputs,
  airport: string,
  date: string,
  seed: string,
): AirportDayInput {
  const airportTraffic = inputs.traffic.airports.find((a) => a.code === airport);
  if (!airportTraffic)
    throw new CliInputError([`--airport: no traffic for ${airport} in the traffic file`]);
  return {
    airport,
    date,
    departures: airportTraffic.departuresPerDay,
    internationalShare: airportTraffic.internationalShare,
    seatsPerFlight: inputs.traffic.seatsPerFlight,
    loadFactor: inputs.traffic.loadFactor,
    parameters: inputs.parameters,
    policy: inputs.policy,
    seed,
    ...(inputs.schedule === undefined ? {} : { schedule: inputs.schedule }),
    ...(inputs.events === undefined ? {} : { events: inputs.events }),
  };
}

function withInputErrors<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof YamlInputError) throw new CliInputError(error.lines);
    if (error instanceof ReferenceDataError) throw new CliInputError(error.message.split('\n'));
    throw error;
  }
}

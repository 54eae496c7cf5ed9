import type { ClassConstructor } from 'class-transformer';
import { joinPath, validateInput, type InputError } from '@biogate/contracts';
import { parseInstant, type Instant } from '@biogate/domain';
import { loadAirportRegistry, type AirportRegistry } from '@biogate/reference-data';
import { YamlInputError, YamlSource } from '../cli/yaml-source';
import {
  DECISION_FIELDS,
  ScenarioAirportDto,
  ScenarioFlightDto,
  ScenarioHeaderDto,
  ScenarioPassengerDto,
  ScenarioStepDto,
  STEP_ACTIONS,
  type ExpectationDto,
  type Face,
  type StepActionName,
} from './scenario.dto';
import type { FaceShown, FlightRef, PassengerRef, ScenarioStep, StepAction } from './scenario-step';

export type { ScenarioStep } from './scenario-step';

export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  readonly clock: Instant;
  readonly airports: Readonly<Record<string, ScenarioAirportDto>>;
  readonly flights: Readonly<Record<string, ScenarioFlightDto>>;
  readonly passengers: Readonly<Record<string, ScenarioPassengerDto>>;
  readonly steps: readonly ScenarioStep[];
}

/** The expectation fields that make sense after each action. */
const EXPECTATIONS_OF: Record<StepActionName | 'clock', readonly (keyof ExpectationDto)[]> = {
  clock: [],
  advance: [],
  book: ['status', 'outcome', 'reason'],
  enrol: ['status', 'outcome', 'reason'],
  withdrawConsent: ['status'],
  channels: ['status', ...DECISION_FIELDS],
  checkIn: ['status', ...DECISION_FIELDS, 'seat'],
  security: ['status', ...DECISION_FIELDS, 'lane', 'alert', 'cleared'],
  board: ['status', ...DECISION_FIELDS, 'lane', 'alert', 'boarded', 'seat'],
  openBoarding: ['status'],
  closeBoarding: ['status'],
  outage: ['status'],
  purge: ['status', 'templatesDeleted'],
  journey: ['status', 'incentiveEligible', 'fullBiometric', 'purchaseChannel', 'journeySteps'],
  manifest: ['status', 'boardedCount', 'missingCount'],
};

const DURATION_UNITS_MS: Record<string, number> = {
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
};

/** "1d2h30m" in milliseconds (the DTO has checked the shape). */
export function durationMs(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([dhms])/g)) {
    total += Number(amount) * (DURATION_UNITS_MS[unit ?? 's'] ?? 0);
  }
  return total;
}

/** Reads, validates and resolves one scenario; every problem is a line `file:line: path: ...`. */
export function loadScenario(file: string, airports = loadAirportRegistry()): Scenario {
  return checkedScenario(YamlSource.read(file), airports);
}

export function parseScenario(
  text: string,
  file: string,
  airports = loadAirportRegistry(),
): Scenario {
  return checkedScenario(YamlSource.parse(text, file), airports);
}

function checkedScenario(source: YamlSource, registry: AirportRegistry): Scenario {
  const problems: InputError[] = [];
  const header = collect(problems, validateInput(ScenarioHeaderDto, source.value(), ''));
  if (!header) throw new YamlInputError(source.describe(problems));

  const entries = <T extends object>(
    field: 'airports' | 'flights' | 'passengers',
    dto: ClassConstructor<T>,
  ): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const [ref, value] of Object.entries(header[field] ?? {})) {
      const entry = collect(problems, validateInput(dto, value, joinPath(field, ref)));
      if (entry) out[ref] = entry;
    }
    return out;
  };
  const airports = entries('airports', ScenarioAirportDto);
  const flights = entries('flights', ScenarioFlightDto);
  const passengers = entries('passengers', ScenarioPassengerDto);

  const knownAirport = (code: string | undefined, path: string) => {
    if (code !== undefined && !registry.has(code))
      problems.push({ path, message: `expected an airport of seeds/reference, got "${code}"` });
  };
  for (const code of Object.keys(airports)) knownAirport(code, `airports.${code}`);
  for (const [ref, flight] of Object.entries(flights)) {
    // Only the origin must be ours: the rules apply where the passenger departs.
    if (!flight.international) knownAirport(flight.destination, `flights.${ref}.destination`);
    knownAirport(flight.origin, `flights.${ref}.origin`);
  }
  for (const [ref, passenger] of Object.entries(passengers)) {
    if (passenger.register !== undefined && !/^\d{12}$/.test(passenger.document.number))
      problems.push({
        path: `passengers.${ref}.register`,
        message:
          'expected a 12-digit personal identification number in document.number: the population register knows no other',
      });
    const other = passenger.register?.chipPhotoOf;
    if (other !== undefined && passengers[other] === undefined)
      problems.push({
        path: `passengers.${ref}.register.chipPhotoOf`,
        message: `expected a passenger of this scenario, got "${other}"`,
      });
  }

  const clock = instantOf(header.clock);
  // Validated first, so that the flight each passenger is booked on is known to every step.
  const validated = header.steps.map((plain, index) =>
    collect(problems, validateInput(ScenarioStepDto, plain, `steps[${index}]`)),
  );
  const flightOfPassenger = new Map<string, FlightRef>();
  for (const book of validated.map((step) => step?.book)) {
    const flight = book === undefined ? undefined : flights[book.flight];
    if (book === undefined || flight === undefined) continue;
    for (const ref of book.passengers)
      if (!flightOfPassenger.has(ref)) flightOfPassenger.set(ref, { ref: book.flight, flight });
  }
  const world: World = { flights, passengers, flightOfPassenger, registry };

  let now = clock;
  const steps: ScenarioStep[] = [];
  validated.forEach((step, index) => {
    const path = `steps[${index}]`;
    if (!step) return;
    const names = STEP_ACTIONS.filter((name) => step[name] !== undefined);
    if (names.length > 1) {
      problems.push({
        path: `${path}.${names[1] ?? ''}`,
        message: `expected one action per step, got ${names.join(' and ')}`,
      });
      return;
    }
    const name = names[0];
    if (name === undefined && step.at === undefined) {
      problems.push({
        path,
        message: `expected an action (one of ${STEP_ACTIONS.join(', ')}) or at`,
      });
      return;
    }
    const at = step.at === undefined ? undefined : instantOf(step.at);
    if (at !== undefined) {
      if (at < now)
        problems.push({
          path: `${path}.at`,
          message: `expected an instant at or after ${new Date(now).toISOString()} (the clock does not go back), got "${step.at ?? ''}"`,
        });
      now = at;
    }
    const allowed = EXPECTATIONS_OF[name ?? 'clock'];
    for (const [field, value] of Object.entries(step.expect ?? {}) as [
      keyof ExpectationDto,
      unknown,
    ][]) {
      if (value !== undefined && !allowed.includes(field))
        problems.push({
          path: `${path}.expect.${field}`,
          message:
            allowed.length === 0
              ? `expected no expectations on a step that only moves the clock`
              : `expected one of ${allowed.join(', ')} after ${name ?? 'at'}`,
        });
    }
    const action = resolveAction(step, path, world, problems);
    if (action === undefined) return;
    if (action.kind === 'advance') now += action.ms;
    steps.push({
      number: index + 1,
      line: source.lineOf(path),
      ...(step.name === undefined ? {} : { name: step.name }),
      ...(at === undefined ? {} : { at }),
      action,
      expect: step.expect ?? {},
    });
  });

  if (problems.length > 0) throw new YamlInputError(source.describe(problems));
  return {
    file: source.file,
    name: header.name,
    ...(header.description === undefined ? {} : { description: header.description }),
    clock,
    airports,
    flights,
    passengers,
    steps,
  };
}

interface World {
  readonly flights: Readonly<Record<string, ScenarioFlightDto>>;
  readonly passengers: Readonly<Record<string, ScenarioPassengerDto>>;
  readonly flightOfPassenger: ReadonlyMap<string, FlightRef>;
  readonly registry: AirportRegistry;
}

/** The step's action with its references looked up; undefined (and problems) if one is unknown. */
function resolveAction(
  step: ScenarioStepDto,
  path: string,
  world: World,
  problems: InputError[],
): StepAction | undefined {
  const before = problems.length;
  const passenger = (ref: string, at: string): PassengerRef => {
    const found = world.passengers[ref];
    if (found === undefined)
      problems.push({
        path: at,
        message: `expected a passenger of this scenario (${Object.keys(world.passengers).join(', ')}), got "${ref}"`,
      });
    const flight = world.flightOfPassenger.get(ref);
    return {
      ref,
      passenger: found ?? ({} as ScenarioPassengerDto),
      ...(flight === undefined ? {} : { flight }),
    };
  };
  const flight = (ref: string, at: string): FlightRef => {
    const found = world.flights[ref];
    if (found === undefined)
      problems.push({
        path: at,
        message: `expected a flight of this scenario (${Object.keys(world.flights).join(', ')}), got "${ref}"`,
      });
    return { ref, flight: found ?? ({} as ScenarioFlightDto) };
  };
  const airport = (code: string | undefined, at: string) => {
    if (code !== undefined && !world.registry.has(code))
      problems.push({ path: at, message: `expected an airport of seeds/reference, got "${code}"` });
  };
  const action = ((): StepAction => {
    if (step.advance !== undefined) return { kind: 'advance', ms: durationMs(step.advance) };
    if (step.book)
      return {
        kind: 'book',
        pnr: step.book.pnr,
        flight: flight(step.book.flight, `${path}.book.flight`),
        passengers: step.book.passengers.map((ref, i) =>
          passenger(ref, `${path}.book.passengers[${i}]`),
        ),
        channel: step.book.channel ?? 'AIRLINE',
        consent: step.book.consent ?? true,
      };
    if (step.enrol)
      return {
        kind: 'enrol',
        passenger: passenger(step.enrol.passenger, `${path}.enrol.passenger`),
        channel: step.enrol.channel,
        consent: step.enrol.consent ?? true,
        face: faceShown(step.enrol),
      };
    if (step.withdrawConsent)
      return {
        kind: 'withdrawConsent',
        passenger: passenger(step.withdrawConsent.passenger, `${path}.withdrawConsent.passenger`),
      };
    if (step.channels)
      return {
        kind: 'channels',
        passenger: passenger(step.channels.passenger, `${path}.channels.passenger`),
        channel: step.channels.channel,
      };
    if (step.checkIn)
      return {
        kind: 'checkIn',
        passenger: passenger(step.checkIn.passenger, `${path}.checkIn.passenger`),
        channel: step.checkIn.channel,
        face: faceShown(step.checkIn),
      };
    const gate = step.security ?? step.board;
    if (gate) {
      const kind = step.security ? 'security' : 'board';
      airport(gate.airport, `${path}.${kind}.airport`);
      const presentation = {
        passenger: passenger(gate.passenger, `${path}.${kind}.passenger`),
        lane: gate.lane,
        face: faceShown(gate),
        ...(gate.airport === undefined ? {} : { airport: gate.airport }),
        ...(gate.boardingPass === undefined ? {} : { boardingPass: gate.boardingPass }),
        ...(gate.document === undefined ? {} : { document: gate.document }),
      };
      return step.board
        ? { kind: 'board', gate: step.board.gate, ...presentation }
        : { kind: 'security', ...presentation };
    }
    if (step.openBoarding)
      return {
        kind: 'openBoarding',
        flight: flight(step.openBoarding.flight, `${path}.openBoarding.flight`),
        gate: step.openBoarding.gate,
      };
    if (step.closeBoarding)
      return {
        kind: 'closeBoarding',
        flight: flight(step.closeBoarding.flight, `${path}.closeBoarding.flight`),
      };
    if (step.manifest)
      return { kind: 'manifest', flight: flight(step.manifest.flight, `${path}.manifest.flight`) };
    if (step.outage) {
      airport(step.outage.airport, `${path}.outage.airport`);
      return {
        kind: 'outage',
        airport: step.outage.airport,
        outage: step.outage.kind,
        state: step.outage.state,
      };
    }
    if (step.purge) {
      for (const field of Object.keys(step.purge))
        problems.push({ path: `${path}.purge.${field}`, message: 'unknown field' });
      return { kind: 'purge' };
    }
    if (step.journey)
      return {
        kind: 'journey',
        passenger: passenger(step.journey.passenger, `${path}.journey.passenger`),
      };
    return { kind: 'clock' };
  })();
  return problems.length === before ? action : undefined;
}

function faceShown(step: { face?: Face; seed?: string }): FaceShown {
  return { face: step.face ?? 'GENUINE', ...(step.seed === undefined ? {} : { seed: step.seed }) };
}

/** The DTO has checked the instant; this only converts it. */
function instantOf(text: string): Instant {
  const instant = parseInstant(text);
  if (instant === undefined) throw new Error(`not an instant: ${text}`);
  return instant;
}

function collect<T>(
  problems: InputError[],
  result: { ok: true; value: T } | { ok: false; errors: readonly InputError[] },
): T | undefined {
  if (result.ok) return result.value;
  problems.push(...result.errors);
  return undefined;
}

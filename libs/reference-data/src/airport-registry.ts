import type { AirportReadiness, LocalDate } from '@biogate/domain';
import { AirportReferenceFileDto } from './airport-reference.dto';
import { readJsonFile, ReferenceDataError } from './reference-file';
import { defaultAirportsFile } from './seeds-location';

export interface Airport {
  readonly code: string;
  readonly name: string;
  readonly city: string;
  readonly timeZone: string;
  readonly pilot: boolean;
  readonly biometricReadyFrom: LocalDate;
}

/** Vietnam's civil airports, from the reference data; the only airport codes inputs may name. */
export class AirportRegistry {
  private readonly byCode: ReadonlyMap<string, Airport>;

  constructor(airports: readonly Airport[]) {
    this.byCode = new Map(airports.map((airport) => [airport.code, airport]));
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  get(code: string): Airport | undefined {
    return this.byCode.get(code);
  }

  list(): readonly Airport[] {
    return [...this.byCode.values()];
  }

  /** The readiness part of the policy configuration. */
  readiness(): Record<string, AirportReadiness> {
    return Object.fromEntries(
      this.list().map((a) => [
        a.code,
        { pilot: a.pilot, biometricReadyFrom: a.biometricReadyFrom },
      ]),
    );
  }
}

/** Loads and validates the airport reference file; throws a ReferenceDataError naming each problem. */
export function loadAirportRegistry(file: string = defaultAirportsFile()): AirportRegistry {
  const { airports } = readJsonFile(file, AirportReferenceFileDto);
  const seen = new Map<string, number>();
  airports.forEach((airport, index) => {
    const first = seen.get(airport.code);
    if (first !== undefined) {
      throw new ReferenceDataError(file, [
        {
          path: `airports[${index}].code`,
          message: `duplicate of airports[${first}] ("${airport.code}")`,
        },
      ]);
    }
    seen.set(airport.code, index);
  });
  return new AirportRegistry(airports);
}

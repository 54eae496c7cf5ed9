import {
  SeededRandom,
  type DocumentType,
  type Instant,
  type PassengerFacts,
} from '@biogate/domain';
import { captureShown, type CaptureSent, type CameraFace } from './capture-shown';
import type { ScheduledFlight } from './flight-schedule';

/** Passenger traits, one bit each, drawn from the parameters' passenger mix. */
export const TRAIT = {
  BAG: 1,
  EID: 2,
  ENROLLED: 4,
  SPECIAL: 8,
  ONLINE: 16,
  INTERNATIONAL: 32,
  APP_ENROLMENT: 64,
  VNEID_PURCHASE: 128,
} as const;

/** A departure as the services know it: the schedule's slot plus an airline, number and gate. */
export interface DayFlight extends ScheduledFlight {
  readonly carrier: string;
  readonly number: string;
  readonly gate: string;
  readonly destination: string;
  /** The local date of departure, YYYY-MM-DD. */
  readonly date: string;
  readonly departureAt: Instant;
}

const CARRIERS = ['VN', 'VJ', 'QH', 'VU'] as const;
const DOMESTIC = ['HAN', 'SGN', 'DAD', 'CXR', 'PQC', 'HPH', 'VII', 'HUI', 'VCA', 'BMV'] as const;
const ABROAD = ['BKK', 'ICN', 'SIN', 'NRT', 'TPE', 'KUL'] as const;
const SURNAMES = ['NGUYEN', 'TRAN', 'LE', 'PHAM', 'HOANG', 'HUYNH', 'PHAN', 'VU', 'VO', 'DANG'];
const GIVEN = ['AN', 'BINH', 'CHI', 'DUNG', 'HANH', 'KHOA', 'LAN', 'MINH', 'NGOC', 'THAO', 'VY'];

/**
 * Who travels on an airport day, and their identities. Traits sit in typed arrays (a national day
 * is hundreds of thousands of passengers); identities are derived from the index when asked, the
 * same in the model and in the requests the services receive, so both judge the same facts.
 */
export class DayPopulation {
  readonly total: number;
  readonly flightOf: Int32Array;
  readonly traits: Uint8Array;
  /** The airport's number, so that days of several airports share the services' database. */
  private readonly prefix: string;
  private readonly pnrPrefix: string;

  constructor(
    readonly airport: string,
    /** The airport's place among the known airports (0-999): its numbers are its own. */
    airportNumber: number,
    /** The year of the day, for birth dates. */
    private readonly year: number,
    readonly flights: readonly DayFlight[],
    private readonly seed: string,
  ) {
    if (!Number.isInteger(airportNumber) || airportNumber < 0 || airportNumber > 999)
      throw new Error(`airport number ${airportNumber}: expected 0 to 999`);
    this.total = flights.reduce((sum, f) => sum + f.passengers, 0);
    this.flightOf = new Int32Array(this.total);
    this.traits = new Uint8Array(this.total);
    this.prefix = String(airportNumber).padStart(3, '0');
    this.pnrPrefix = airportNumber.toString(36).toUpperCase().padStart(2, '0');
  }

  has(passenger: number, trait: number): boolean {
    return ((this.traits[passenger] as number) & trait) !== 0;
  }

  flight(passenger: number): DayFlight {
    return this.flights[this.flightOf[passenger] as number] as DayFlight;
  }

  document(passenger: number): { readonly type: DocumentType; readonly number: string } {
    return this.has(passenger, TRAIT.EID)
      ? { type: 'CITIZEN_ID_CARD', number: `0${this.serial(passenger)}` }
      : { type: 'PASSPORT', number: `B${this.serial(passenger)}` };
  }

  surname(passenger: number): string {
    return SURNAMES[passenger % SURNAMES.length] as string;
  }

  givenName(passenger: number): string {
    return GIVEN[Math.floor(passenger / SURNAMES.length) % GIVEN.length] as string;
  }

  /** Between 20 and 69 years old: the 75+ rule reaches a passenger only through an SSR code. */
  birthDate(passenger: number): string {
    const year = this.year - 20 - (passenger % 50);
    const month = 1 + (passenger % 12);
    const day = 1 + (passenger % 28);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }

  checkedBags(passenger: number): number {
    return this.has(passenger, TRAIT.BAG) ? 1 : 0;
  }

  ssr(passenger: number): string[] {
    return this.has(passenger, TRAIT.SPECIAL) ? ['WCHR'] : [];
  }

  /** What the policy reads about a passenger, as the check-in service would know them. */
  facts(passenger: number, biometricEnrolled: boolean): PassengerFacts {
    return {
      document: this.document(passenger),
      biometricEnrolled,
      checkedBags: this.checkedBags(passenger),
      ssr: this.ssr(passenger),
      birthDate: this.birthDate(passenger),
    };
  }

  /** The 6-character record locator of the booking whose first passenger this is. */
  pnr(firstPassenger: number): string {
    return `${this.pnrPrefix}${firstPassenger.toString(36).toUpperCase().padStart(4, '0')}`;
  }

  /**
   * Who is in front of the camera at a biometric point, drawn per passenger, step and hop from the
   * seed, with the capture the services receive: a rerun shows them the same faces.
   */
  capture(
    passenger: number,
    step: string,
    hop: number,
    rates: { poorCapture: number; impostor: number; presentationAttack: number },
  ): CaptureSent {
    const random = new SeededRandom(
      `${this.seed}:face:${this.airport}:${passenger}:${step}:${hop}`,
    );
    const u = random.next();
    const face: CameraFace =
      u < rates.presentationAttack
        ? 'PRESENTATION_ATTACK'
        : u < rates.presentationAttack + rates.impostor
          ? 'IMPOSTOR'
          : u < rates.presentationAttack + rates.impostor + rates.poorCapture
            ? 'POOR_CAPTURE'
            : 'GENUINE';
    return captureShown(
      face,
      `${this.prefix}-${passenger}-${step}-${hop}`,
      this.impostor(passenger),
    );
  }

  /** The enrolment capture: staff or the app take a good picture of the holder. */
  enrolmentCapture(passenger: number): CaptureSent {
    return captureShown('GENUINE', `${this.prefix}-${passenger}-ENROL`, this.impostor(passenger));
  }

  /** Someone else's face: a personal identification number that is no passenger's. */
  private impostor(passenger: number): string {
    return `1${this.serial(passenger)}`;
  }

  private serial(passenger: number): string {
    return `${this.prefix}${String(passenger).padStart(8, '0')}`;
  }
}

/** A schedule's slots as flights of named airlines, each at its own gate, on the local date. */
export function namedFlights(
  airport: string,
  date: string,
  dayStart: Instant,
  schedule: readonly ScheduledFlight[],
): DayFlight[] {
  const destinations = DOMESTIC.filter((code) => code !== airport);
  return schedule.map((slot, i) => ({
    ...slot,
    carrier: CARRIERS[i % CARRIERS.length] as string,
    number: String(100 + i),
    gate: String(i + 1),
    destination: (slot.international
      ? ABROAD[i % ABROAD.length]
      : destinations[i % destinations.length]) as string,
    date,
    departureAt: dayStart + slot.departure * 1000,
  }));
}

/** Keeps a rerun's draws for one purpose apart from every other purpose's draws. */
export function streamOf(seed: string, purpose: string, airport: string): SeededRandom {
  return new SeededRandom(`${seed}:${purpose}:${airport}`);
}

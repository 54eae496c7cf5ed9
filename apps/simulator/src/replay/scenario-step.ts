import type { Instant } from '@biogate/domain';
import type {
  ENROLMENT_CHANNELS,
  ExpectationDto,
  Face,
  OUTAGE_STATES,
  ScenarioDocumentDto,
  ScenarioFlightDto,
  ScenarioPassengerDto,
} from './scenario.dto';
import type { CHECK_IN_CHANNELS, LANES, OUTAGES } from '@biogate/domain';

export interface FlightRef {
  readonly ref: string;
  readonly flight: ScenarioFlightDto;
}

export interface PassengerRef {
  readonly ref: string;
  readonly passenger: ScenarioPassengerDto;
  /** The flight the scenario books them on, if it does. */
  readonly flight?: FlightRef;
}

/** Who is in front of the camera, and the seed of the capture's noise if the scenario fixes it. */
export interface FaceShown {
  readonly face: Face;
  readonly seed?: string;
}

interface GatePresentation {
  readonly passenger: PassengerRef;
  readonly lane: (typeof LANES)[number];
  readonly face: FaceShown;
  readonly airport?: string;
  readonly boardingPass?: string;
  readonly document?: ScenarioDocumentDto;
}

/** What a step does, its references already resolved against the scenario. */
export type StepAction =
  | { readonly kind: 'clock' }
  | { readonly kind: 'advance'; readonly ms: number }
  | {
      readonly kind: 'book';
      readonly pnr: string;
      readonly flight: FlightRef;
      readonly passengers: readonly PassengerRef[];
      readonly channel: 'AIRLINE' | 'VNEID_APP';
      readonly consent: boolean;
    }
  | {
      readonly kind: 'enrol';
      readonly passenger: PassengerRef;
      readonly channel: (typeof ENROLMENT_CHANNELS)[number];
      readonly consent: boolean;
      readonly face: FaceShown;
    }
  | { readonly kind: 'withdrawConsent'; readonly passenger: PassengerRef }
  | {
      readonly kind: 'channels';
      readonly passenger: PassengerRef;
      readonly channel: (typeof CHECK_IN_CHANNELS)[number];
    }
  | {
      readonly kind: 'checkIn';
      readonly passenger: PassengerRef;
      readonly channel: (typeof CHECK_IN_CHANNELS)[number];
      readonly face: FaceShown;
    }
  | ({ readonly kind: 'security' } & GatePresentation)
  | ({ readonly kind: 'board'; readonly gate: string } & GatePresentation)
  | { readonly kind: 'openBoarding'; readonly flight: FlightRef; readonly gate: string }
  | { readonly kind: 'closeBoarding'; readonly flight: FlightRef }
  | {
      readonly kind: 'outage';
      readonly airport: string;
      readonly outage: (typeof OUTAGES)[number];
      readonly state: (typeof OUTAGE_STATES)[number];
    }
  | { readonly kind: 'purge' }
  | { readonly kind: 'journey'; readonly passenger: PassengerRef }
  | { readonly kind: 'manifest'; readonly flight: FlightRef };

/** One step as the runner takes it: where it was written, its action and what it expects. */
export interface ScenarioStep {
  /** 1-based, as people count steps. */
  readonly number: number;
  readonly line: number;
  readonly name?: string;
  /** The clock is moved here before the action. */
  readonly at?: Instant;
  readonly action: StepAction;
  readonly expect: ExpectationDto;
}

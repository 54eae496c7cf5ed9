/**
 * What the operations service answers, as plain types with no imports: the console (apps/console)
 * reads its API through these same declarations, so the page and the service cannot drift apart.
 */

/** A flight as the operators' console lists it, with its passengers counted. */
export interface FlightRow {
  readonly carrier: string;
  readonly number: string;
  readonly date: string;
  readonly destination: string | null;
  readonly departureAt: string | null;
  readonly gate: string | null;
  readonly boarding: 'OPEN' | 'CLOSED' | null;
  readonly booked: number;
  readonly checkedIn: number;
  readonly cleared: number;
  readonly boarded: number;
  readonly boardedAutomated: number;
}

export interface ManifestRow {
  readonly passengerId: string;
  readonly surname: string | null;
  readonly givenName: string | null;
  readonly seat: string | null;
  /** The boarding pass as issued (what its barcode holds), to present it at a lane. */
  readonly bcbp: string | null;
  readonly checkedInAt: string | null;
  readonly checkInChannel: string | null;
  readonly clearedAt: string | null;
  readonly securityLane: string | null;
  readonly boardedAt: string | null;
  readonly boardingLane: string | null;
}

export interface AlertRow {
  readonly alertId: string;
  readonly touchpoint: string;
  readonly lane: string;
  readonly gate: string | null;
  readonly kind: string;
  readonly detail: string;
  readonly raisedAt: string;
  readonly passengerId: string | null;
  readonly flight: string | null;
}

export interface PassengerStepRow {
  readonly touchpoint: string;
  readonly point: string;
  readonly at: string;
  readonly outcome: string;
  readonly reason: string;
  readonly redirectTo: string | null;
}

export interface ReasonCount {
  readonly outcome: string;
  readonly reason: string;
  readonly redirectTo?: string;
  readonly count: number;
}

/**
 * At a biometric point, three figures kept apart (as CBP's are reported: a high match rate can
 * hide a low capture rate): the share of presentations whose live face was compared with a
 * template; of those, the share that matched and looked live; and the share of presentations
 * sent elsewhere (to the manual lane from an e-gate).
 */
export interface BiometricRates {
  readonly captureRate: number | null;
  readonly matchRate: number | null;
  readonly fallbackRate: number | null;
}

export interface TouchpointTile {
  readonly touchpoint: string;
  readonly point: string;
  readonly presentations: number;
  readonly allowed: number;
  readonly redirected: number;
  readonly rejected: number;
  /** Redirects and rejections by reason, the most frequent first. */
  readonly reasons: readonly ReasonCount[];
  readonly biometric?: BiometricRates;
}

/** Presentations per quarter hour of the local day at one point. */
export interface PointSeries {
  readonly touchpoint: string;
  readonly point: string;
  readonly presentations: readonly number[];
  readonly redirected: readonly number[];
}

/** Everything the console's main screen shows of one airport at the service clock's instant. */
export type LevelOfServiceBand = 'OPTIMUM' | 'SUB_OPTIMAL' | 'UNDER_PROVIDED';

/** A queue as its sensors last reported it; nulls before any reading. */
export interface QueueView {
  readonly queue: string;
  readonly length: number | null;
  readonly waitSeconds: number | null;
  readonly at: string | null;
  readonly band: LevelOfServiceBand | null;
}

/** The worst wait of a queue in each quarter hour of the local day (null: no reading). */
export interface QueueWaitSeries {
  readonly queue: string;
  readonly maxWaitSeconds: readonly (number | null)[];
}

export interface AirportOverview {
  readonly airport: string;
  readonly at: string;
  readonly phase: {
    readonly inForce: string;
    readonly since?: string;
    readonly next?: { readonly phase: string; readonly startsAt: string };
    readonly incentiveWindow: boolean;
    readonly biometricInService: boolean;
  };
  readonly outages: readonly string[];
  readonly lastQuarterHour: readonly TouchpointTile[];
  readonly lastHour: readonly TouchpointTile[];
  readonly day: {
    readonly quarters: readonly string[];
    readonly points: readonly PointSeries[];
    readonly queueWaits: readonly QueueWaitSeries[];
  };
  /** Queue sensors' latest readings, with their level-of-service band. */
  readonly queues: readonly QueueView[];
  readonly levelOfService: { readonly optimumMinutes: number; readonly subOptimalMinutes: number };
  readonly alerts: {
    readonly latest: readonly AlertRow[];
    /** Alerts of the last hour by kind. */
    readonly lastHour: Readonly<Record<string, number>>;
  };
  readonly flights: readonly FlightRow[];
}

/** Who is signed in to the console, and which airports they may watch. */
export interface ConsoleSession {
  readonly name: string;
  readonly role: 'AIRLINE' | 'OPERATOR' | 'QA';
  readonly airports: readonly string[];
}

/** A departing flight of an airport. */
export interface FlightKey {
  readonly airport: string;
  readonly carrier: string;
  readonly number: string;
  /** Local date of departure, YYYY-MM-DD. */
  readonly date: string;
}

export interface FlightManifest {
  readonly flight: FlightKey;
  readonly passengers: readonly ManifestRow[];
}

/** A passenger's steps at one airport, as its operators may see them. */
export interface PassengerJourney {
  readonly flight: FlightKey;
  readonly passenger: ManifestRow;
  readonly steps: readonly PassengerStepRow[];
}

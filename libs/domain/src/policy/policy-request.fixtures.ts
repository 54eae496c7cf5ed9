import { parseInstant } from '../time/instant';
import { DIRECTIVE_POLICY, type PolicyConfig } from './policy-config';
import type { PassengerFacts, PolicyRequest } from './policy-request';
import type { CheckInChannel, Lane, LaneTouchpoint, Outage } from './vocabulary';

/** Two airports are enough for the rules: a pilot (SGN) and one ready on 30 Oct 2025 (VII). */
export const TEST_POLICY_CONFIG: PolicyConfig = {
  ...DIRECTIVE_POLICY,
  airports: {
    SGN: { pilot: true, biometricReadyFrom: '2025-04-17' },
    VII: { pilot: false, biometricReadyFrom: '2025-10-30' },
  },
};

export const E_ID = { type: 'CITIZEN_ID_CARD', number: '079200001234' } as const;
export const PASSPORT = { type: 'PASSPORT', number: 'C1234567' } as const;

export const ENROLLED_E_ID: PassengerFacts = {
  document: E_ID,
  biometricEnrolled: true,
  checkedBags: 0,
  ssr: [],
  birthDate: '1990-02-03',
};

export interface StepOptions {
  at?: string;
  airport?: string;
  international?: boolean;
  passenger?: Partial<PassengerFacts>;
  outages?: Outage[];
}

function instant(text: string): number {
  const at = parseInstant(text);
  if (at === undefined) throw new Error(`bad instant in test: ${text}`);
  return at;
}

function common(options: StepOptions) {
  return {
    at: instant(options.at ?? '2025-12-10T10:00:00+07:00'),
    airport: options.airport ?? 'SGN',
    international: options.international ?? false,
    passenger: { ...ENROLLED_E_ID, ...options.passenger },
    outages: options.outages ?? [],
  };
}

export function checkIn(channel: CheckInChannel, options: StepOptions = {}): PolicyRequest {
  return { ...common(options), touchpoint: 'CHECK_IN', channel };
}

export function atLane(
  touchpoint: LaneTouchpoint,
  lane: Lane,
  options: StepOptions = {},
): PolicyRequest {
  return { ...common(options), touchpoint, lane };
}

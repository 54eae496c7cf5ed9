/** The closed vocabularies of the directive as this project models them (domain.md §2-5). */

export const PHASES = ['PRE_MANDATE', 'BIOMETRIC_ENROLMENT', 'BIOMETRIC_DEFAULT'] as const;
export type Phase = (typeof PHASES)[number];

export const TOUCHPOINTS = ['CHECK_IN', 'SECURITY', 'BOARDING'] as const;
export type Touchpoint = (typeof TOUCHPOINTS)[number];
export type LaneTouchpoint = Exclude<Touchpoint, 'CHECK_IN'>;

export const CHECK_IN_CHANNELS = ['COUNTER', 'KIOSK', 'BIOMETRIC'] as const;
export type CheckInChannel = (typeof CHECK_IN_CHANNELS)[number];

export const LANES = ['AUTOMATED', 'MANUAL'] as const;
export type Lane = (typeof LANES)[number];

/** Where a decision can send a passenger: a check-in channel or a lane. */
export type ServicePoint = CheckInChannel | Lane;

export const OUTAGES = ['BIOMETRIC', 'KIOSK'] as const;
export type Outage = (typeof OUTAGES)[number];

export const DOCUMENT_TYPES = [
  'CITIZEN_ID_CARD',
  'IDENTITY_CARD',
  'VNEID_ACCOUNT',
  'PASSPORT',
  'OTHER_VALID',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const NATIONAL_EID_TYPES: readonly DocumentType[] = [
  'CITIZEN_ID_CARD',
  'IDENTITY_CARD',
  'VNEID_ACCOUNT',
];

export const OUTCOMES = ['ALLOWED', 'REDIRECTED', 'REJECTED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const REASON_CODES = [
  'OK',
  'INVALID_DOCUMENT',
  'COUNTER_NOT_ELIGIBLE',
  'NOT_ENROLLED',
  'DOCUMENT_NOT_ELIGIBLE',
  'BIOMETRIC_NOT_AVAILABLE',
  'BIOMETRIC_OUTAGE',
  'KIOSK_OUTAGE',
  'INTERNATIONAL_OUT_OF_SCOPE',
  'FALLBACK_SERVICE_CONTINUITY',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const RULE_IDS = ['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9'] as const;
export type RuleId = (typeof RULE_IDS)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

import type { LocalDate } from '../time/local-date';

export interface AirportReadiness {
  /** Ran the April 2025 face pilot: the only airports with biometric channels before the mandate. */
  readonly pilot: boolean;
  /** Local date from which the airport's biometric channels are in service. */
  readonly biometricReadyFrom: LocalDate;
}

/**
 * Everything the rules depend on that a what-if may change: no date, code or threshold of the
 * directive is written anywhere else.
 */
export interface PolicyConfig {
  /** IANA name of the directive's time zone; informational, the offset below is what is used. */
  readonly timeZone: string;
  /** Asia/Ho_Chi_Minh has kept UTC+07:00 without daylight saving since 1975. */
  readonly utcOffsetMinutes: number;
  /** Local dates on which each later phase begins, at 00:00 local time. */
  readonly phaseStarts: {
    readonly BIOMETRIC_ENROLMENT: LocalDate;
    readonly BIOMETRIC_DEFAULT: LocalDate;
  };
  /** Special-service codes that keep a passenger entitled to the counter (project decision). */
  readonly specialServiceCodes: readonly string[];
  /** Age, in whole years on the local date of the step, from which a passenger is special. */
  readonly specialPassengerMinAge: number;
  /** Biometric readiness per airport, keyed by IATA code; the reference data fills this. */
  readonly airports: Readonly<Record<string, AirportReadiness>>;
}

/** The directive's values (domain.md §1-4); airports come from the reference data in seeds/. */
export const DIRECTIVE_POLICY: Omit<PolicyConfig, 'airports'> = {
  timeZone: 'Asia/Ho_Chi_Minh',
  utcOffsetMinutes: 7 * 60,
  phaseStarts: {
    BIOMETRIC_ENROLMENT: '2025-09-15',
    BIOMETRIC_DEFAULT: '2025-12-01',
  },
  specialServiceCodes: [
    'WCHR',
    'WCHS',
    'WCHC',
    'BLND',
    'DEAF',
    'DPNA',
    'MEDA',
    'STCR',
    'UMNR',
    'INFT',
    'PRGN',
    'DEPA',
    'DEPU',
    'SVAN',
  ],
  specialPassengerMinAge: 75,
};

/** A partial policy for what-ifs: only what is given replaces the base. */
export interface PolicyOverrides {
  readonly timeZone?: string;
  readonly utcOffsetMinutes?: number;
  readonly phaseStarts?: Partial<PolicyConfig['phaseStarts']>;
  readonly specialServiceCodes?: readonly string[];
  readonly specialPassengerMinAge?: number;
  readonly airports?: Readonly<Record<string, Partial<AirportReadiness>>>;
}

/**
 * Applies a what-if on top of a base policy. Airports are merged one by one, so an override can
 * move one airport's readiness date without restating the others. A partial entry for an airport
 * the base does not know is kept as given and rejected by `compilePolicy` if incomplete.
 */
export function applyPolicyOverrides(base: PolicyConfig, overrides: PolicyOverrides): PolicyConfig {
  const airports: Record<string, AirportReadiness> = { ...base.airports };
  for (const [code, patch] of Object.entries(overrides.airports ?? {})) {
    airports[code] = { ...airports[code], ...patch } as AirportReadiness;
  }
  return {
    timeZone: overrides.timeZone ?? base.timeZone,
    utcOffsetMinutes: overrides.utcOffsetMinutes ?? base.utcOffsetMinutes,
    phaseStarts: { ...base.phaseStarts, ...overrides.phaseStarts },
    specialServiceCodes: overrides.specialServiceCodes ?? base.specialServiceCodes,
    specialPassengerMinAge: overrides.specialPassengerMinAge ?? base.specialPassengerMinAge,
    airports,
  };
}

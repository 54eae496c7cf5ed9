import type { Instant } from '../time/instant';
import {
  LOCAL_DATE_EXPECTATION,
  parseLocalDate,
  startOfCompactDate,
  type CompactDate,
} from '../time/local-date';
import type { PolicyConfig } from './policy-config';

export interface CompiledAirport {
  readonly code: string;
  readonly pilot: boolean;
  readonly biometricReadyFrom: CompactDate;
  readonly biometricReadyAt: Instant;
}

/** A PolicyConfig checked once and turned into instants and sets, ready for the hot path. */
export interface CompiledPolicy {
  readonly config: PolicyConfig;
  readonly utcOffsetMinutes: number;
  readonly enrolmentStartsAt: Instant;
  readonly defaultStartsAt: Instant;
  readonly specialServiceCodes: ReadonlySet<string>;
  readonly specialPassengerMinAge: number;
  readonly airports: ReadonlyMap<string, CompiledAirport>;
}

/** A policy configuration that cannot be applied; `problems` name each field and what is wrong. */
export class PolicyConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid policy configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'PolicyConfigError';
  }
}

const AIRPORT_CODE = /^[A-Z]{3}$/;
const SSR_CODE = /^[A-Z]{4}$/;

export function compilePolicy(config: PolicyConfig): CompiledPolicy {
  const problems: string[] = [];
  const offset = config.utcOffsetMinutes;
  if (!Number.isInteger(offset) || offset < -14 * 60 || offset > 14 * 60) {
    problems.push(`utcOffsetMinutes: expected an integer from -840 to 840, got ${String(offset)}`);
  }
  const date = (path: string, value: unknown): CompactDate | undefined => {
    const parsed = typeof value === 'string' ? parseLocalDate(value) : undefined;
    if (parsed === undefined) {
      problems.push(`${path}: expected ${LOCAL_DATE_EXPECTATION}, got ${JSON.stringify(value)}`);
    }
    return parsed;
  };
  const enrolment = date('phaseStarts.BIOMETRIC_ENROLMENT', config.phaseStarts.BIOMETRIC_ENROLMENT);
  const biometricDefault = date(
    'phaseStarts.BIOMETRIC_DEFAULT',
    config.phaseStarts.BIOMETRIC_DEFAULT,
  );
  if (enrolment !== undefined && biometricDefault !== undefined && enrolment >= biometricDefault) {
    problems.push(
      'phaseStarts: BIOMETRIC_ENROLMENT must begin before BIOMETRIC_DEFAULT ' +
        `(${config.phaseStarts.BIOMETRIC_ENROLMENT} is not before ${config.phaseStarts.BIOMETRIC_DEFAULT})`,
    );
  }
  const minAge = config.specialPassengerMinAge;
  if (!Number.isInteger(minAge) || minAge < 1 || minAge > 150) {
    problems.push(
      `specialPassengerMinAge: expected an integer from 1 to 150, got ${String(minAge)}`,
    );
  }
  config.specialServiceCodes.forEach((code, i) => {
    if (!SSR_CODE.test(code)) {
      problems.push(
        `specialServiceCodes[${i}]: expected a 4-letter IATA SSR code, got ${JSON.stringify(code)}`,
      );
    }
  });

  const airports = new Map<string, CompiledAirport>();
  for (const [code, readiness] of Object.entries(config.airports)) {
    if (!AIRPORT_CODE.test(code)) {
      problems.push(`airports.${code}: expected a 3-letter IATA airport code as the key`);
      continue;
    }
    if (typeof readiness.pilot !== 'boolean') {
      problems.push(
        `airports.${code}.pilot: expected true or false, got ${JSON.stringify(readiness.pilot)}`,
      );
    }
    const ready = date(`airports.${code}.biometricReadyFrom`, readiness.biometricReadyFrom);
    if (ready !== undefined) {
      airports.set(code, {
        code,
        pilot: readiness.pilot,
        biometricReadyFrom: ready,
        biometricReadyAt: startOfCompactDate(ready, offset),
      });
    }
  }
  if (problems.length > 0 || enrolment === undefined || biometricDefault === undefined) {
    throw new PolicyConfigError(problems);
  }
  return {
    config,
    utcOffsetMinutes: offset,
    enrolmentStartsAt: startOfCompactDate(enrolment, offset),
    defaultStartsAt: startOfCompactDate(biometricDefault, offset),
    specialServiceCodes: new Set(config.specialServiceCodes),
    specialPassengerMinAge: minAge,
    airports,
  };
}

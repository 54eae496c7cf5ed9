import { validateInput, type InputError } from '@biogate/contracts';
import {
  applyPolicyOverrides,
  DIRECTIVE_POLICY,
  PhasePolicy,
  PolicyConfigError,
  type AirportReadiness,
  type PolicyOverrides,
} from '@biogate/domain';
import { AirportRegistry } from './airport-registry';
import { AirportReadinessOverrideDto, PolicyOverridesFileDto } from './policy-overrides.dto';
import { readJsonFile, ReferenceDataError } from './reference-file';

/** The directive's policy for the airports of the registry, with an optional what-if on top. */
export function phasePolicyFor(
  registry: AirportRegistry,
  overrides: PolicyOverrides = {},
): PhasePolicy {
  const base = { ...DIRECTIVE_POLICY, airports: registry.readiness() };
  return new PhasePolicy(applyPolicyOverrides(base, overrides));
}

/**
 * Reads a what-if policy file and builds the policy from it, or throws a ReferenceDataError that
 * names the file and each problem, including those only the whole policy reveals (phase order).
 * Overrides may change the airports of the reference data, not add new ones.
 */
export function phasePolicyFromFile(registry: AirportRegistry, file: string): PhasePolicy {
  const dto = readJsonFile(file, PolicyOverridesFileDto);
  const problems: InputError[] = [];
  const airports: Record<string, Partial<AirportReadiness>> = {};
  for (const [code, entry] of Object.entries(dto.airports ?? {})) {
    if (!registry.has(code)) {
      problems.push({ path: `airports.${code}`, message: `unknown airport code "${code}"` });
      continue;
    }
    const parsed = validateInput(AirportReadinessOverrideDto, entry, `airports.${code}`);
    if (parsed.ok) airports[code] = stripUndefined(parsed.value);
    else problems.push(...parsed.errors);
  }
  if (problems.length > 0) throw new ReferenceDataError(file, problems);
  const overrides: PolicyOverrides = {
    ...(dto.phaseStarts ? { phaseStarts: stripUndefined(dto.phaseStarts) } : {}),
    ...(dto.specialServiceCodes ? { specialServiceCodes: dto.specialServiceCodes } : {}),
    ...(dto.specialPassengerMinAge !== undefined
      ? { specialPassengerMinAge: dto.specialPassengerMinAge }
      : {}),
    airports,
  };
  try {
    return phasePolicyFor(registry, overrides);
  } catch (error) {
    if (!(error instanceof PolicyConfigError)) throw error;
    throw new ReferenceDataError(
      file,
      error.problems.map((problem) => ({ path: '', message: problem })),
    );
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

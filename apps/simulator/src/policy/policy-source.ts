import type { PhasePolicy } from '@biogate/domain';
import {
  defaultAirportsFile,
  loadAirportRegistry,
  phasePolicyFor,
  phasePolicyFromFile,
  ReferenceDataError,
  type AirportRegistry,
} from '@biogate/reference-data';
import { CliInputError } from '../cli/cli-input-error';

export interface LoadedPolicy {
  readonly airports: AirportRegistry;
  readonly policy: PhasePolicy;
}

/** The airports of seeds/ and the directive's policy, or a what-if file's policy on top. */
export function loadPolicy(whatIfFile: string | undefined, env: NodeJS.ProcessEnv): LoadedPolicy {
  try {
    const airports = loadAirportRegistry(defaultAirportsFile(env));
    const policy =
      whatIfFile === undefined
        ? phasePolicyFor(airports)
        : phasePolicyFromFile(airports, whatIfFile);
    return { airports, policy };
  } catch (error) {
    if (error instanceof ReferenceDataError) throw new CliInputError(error.message.split('\n'));
    throw error;
  }
}

import type { LevelOfServiceBand } from '../console/operations-views';

/**
 * IATA's level-of-service bands by waiting time (Airport Development Reference Manual): up to 10
 * minutes is optimum, up to 20 sub-optimal, beyond that under-provided. The capacity model's
 * default parameters use the same bands (seeds/capacity/parameters.yaml).
 */
export const LEVEL_OF_SERVICE = { optimumMinutes: 10, subOptimalMinutes: 20 } as const;

export function levelOfService(waitSeconds: number): LevelOfServiceBand {
  if (waitSeconds <= LEVEL_OF_SERVICE.optimumMinutes * 60) return 'OPTIMUM';
  if (waitSeconds <= LEVEL_OF_SERVICE.subOptimalMinutes * 60) return 'SUB_OPTIMAL';
  return 'UNDER_PROVIDED';
}

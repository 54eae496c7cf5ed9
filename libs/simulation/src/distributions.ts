import type { SeededRandom } from '@biogate/domain';

/** Service and arrival times, in seconds, as the parameters file states them. */
export type DistributionSpec =
  | { readonly kind: 'fixed'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | {
      readonly kind: 'triangular';
      readonly min: number;
      readonly mode: number;
      readonly max: number;
    }
  | { readonly kind: 'lognormal'; readonly mean: number; readonly sd: number };

export type Sampler = () => number;

/** A sampler drawing from one seeded stream: the same seed gives the same day. */
export function sampler(spec: DistributionSpec, random: SeededRandom): Sampler {
  switch (spec.kind) {
    case 'fixed':
      return () => spec.value;
    case 'uniform':
      return () => spec.min + (spec.max - spec.min) * random.next();
    case 'exponential':
      return () => -spec.mean * Math.log(1 - random.next());
    case 'triangular': {
      const { min, mode, max } = spec;
      const split = (mode - min) / (max - min);
      return () => {
        const u = random.next();
        return u < split
          ? min + Math.sqrt(u * (max - min) * (mode - min))
          : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
      };
    }
    case 'lognormal': {
      // Parameters of the underlying normal from the mean and sd of the lognormal itself.
      const variance = Math.log(1 + (spec.sd * spec.sd) / (spec.mean * spec.mean));
      const mu = Math.log(spec.mean) - variance / 2;
      const sigma = Math.sqrt(variance);
      return () => Math.exp(mu + sigma * random.normal());
    }
  }
}

/** The mean of a distribution, for checks and reports. */
export function meanOf(spec: DistributionSpec): number {
  switch (spec.kind) {
    case 'fixed':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'exponential':
      return spec.mean;
    case 'triangular':
      return (spec.min + spec.mode + spec.max) / 3;
    case 'lognormal':
      return spec.mean;
  }
}

/** The least value a distribution can draw (0 for those without a floor). */
export function minimumOf(spec: DistributionSpec): number {
  switch (spec.kind) {
    case 'fixed':
      return spec.value;
    case 'uniform':
    case 'triangular':
      return spec.min;
    case 'exponential':
    case 'lognormal':
      return 0;
  }
}

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The project's `seeds/` folder: `BIOGATE_SEEDS_DIR` when set, else the nearest `seeds/` above this
 * file, which works from the sources and from the build output alike.
 */
export function seedsDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.BIOGATE_SEEDS_DIR;
  if (configured !== undefined && configured !== '') return resolve(configured);
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'seeds', 'reference'))) return join(dir, 'seeds');
    if (dirname(dir) === dir) {
      throw new Error('cannot find the seeds/ folder; set BIOGATE_SEEDS_DIR');
    }
  }
}

export function defaultAirportsFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(seedsDirectory(env), 'reference', 'airports.json');
}

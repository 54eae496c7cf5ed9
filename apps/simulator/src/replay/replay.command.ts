import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReferenceDataError, loadAirportRegistry } from '@biogate/reference-data';
import { CliInputError, EXIT_OK } from '../cli/cli-input-error';
import type { CliIo } from '../cli/cli-io';
import { YamlInputError } from '../cli/yaml-source';
import { startEmbeddedServices } from './embedded-services';
import { jsonReport, junitReport, textReport } from './replay-report';
import { loadScenario, type Scenario } from './scenario-file';
import { ScenarioRunner, type ScenarioResult } from './scenario-runner';
import { HttpScenarioTarget, ScenarioTargetError } from './scenario-target';

export interface ReplayOptions {
  readonly target?: string;
  readonly apiKey?: string;
  readonly junit?: string;
  readonly json?: string;
  readonly quiet?: boolean;
}

/** Exit code when a scenario ran and one of its expectations did not hold. */
export const EXIT_EXPECTATION_FAILED = 1;
const EMBEDDED_TARGET = 'embedded services (PGlite in memory, simulated clock)';

/**
 * Replays scenario files (or every *.yaml of a directory) and reports. Every file is checked
 * before anything runs: one invalid scenario is exit 2 and nothing is replayed.
 */
export async function replayCommand(
  paths: readonly string[],
  options: ReplayOptions,
  io: CliIo,
): Promise<number> {
  const scenarios = loadAll(expandPaths(paths));
  const apiKey = options.apiKey ?? io.env.BIOGATE_API_KEY;
  if (options.target !== undefined) {
    if (!/^https?:\/\/[^\s]+$/.test(options.target))
      throw new CliInputError([
        `--target: expected an http(s) URL such as http://127.0.0.1:3000, got ${JSON.stringify(options.target)}`,
      ]);
    if (apiKey === undefined)
      throw new CliInputError([
        '--target needs a QA API key: --api-key KEY or the BIOGATE_API_KEY environment variable',
      ]);
  }

  const results: ScenarioResult[] = [];
  try {
    for (const [i, scenario] of scenarios.entries()) {
      if (io.stderrIsTerminal && !options.quiet)
        io.stderr.write(`\r\x1b[2Kreplaying ${i + 1}/${scenarios.length}: ${scenario.file}`);
      results.push(await replayOne(scenario, options.target, apiKey));
    }
  } catch (error) {
    if (error instanceof ScenarioTargetError) throw new CliInputError([error.message]);
    throw error;
  } finally {
    if (io.stderrIsTerminal && !options.quiet) io.stderr.write('\r\x1b[2K');
  }

  const target = options.target ?? EMBEDDED_TARGET;
  if (options.junit !== undefined) writeFileSync(options.junit, junitReport(results));
  if (options.json !== undefined) writeFileSync(options.json, jsonReport(results, target));
  if (!options.quiet) io.stdout.write(textReport(results, target));
  return results.every((result) => result.passed) ? EXIT_OK : EXIT_EXPECTATION_FAILED;
}

/** Each scenario on fresh embedded services, or on the running target as it is. */
async function replayOne(
  scenario: Scenario,
  url: string | undefined,
  apiKey: string | undefined,
): Promise<ScenarioResult> {
  if (url !== undefined) {
    return new ScenarioRunner(scenario, new HttpScenarioTarget(url, apiKey ?? '')).run();
  }
  const services = await startEmbeddedServices(scenario.clock);
  try {
    return await new ScenarioRunner(scenario, services.target).run();
  } finally {
    await services.close();
  }
}

/** Files as given; a directory stands for its *.yaml and *.yml files, in name order. */
function expandPaths(paths: readonly string[]): string[] {
  if (paths.length === 0) throw new CliInputError(['expected at least one scenario file']);
  return paths.flatMap((path) => {
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      return [path]; // The loader says it cannot be read.
    }
    if (!isDirectory) return [path];
    const files = readdirSync(path)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => join(path, name));
    if (files.length === 0) throw new CliInputError([`${path}: no *.yaml scenario files`]);
    return files;
  });
}

function loadAll(files: readonly string[]): Scenario[] {
  let airports;
  try {
    airports = loadAirportRegistry();
  } catch (error) {
    if (error instanceof ReferenceDataError) throw new CliInputError(error.message.split('\n'));
    throw error;
  }
  const problems: string[] = [];
  const scenarios: Scenario[] = [];
  const names = new Map<string, string>();
  for (const file of files) {
    try {
      const scenario = loadScenario(file, airports);
      const other = names.get(scenario.name);
      // Names seed the simulated faces and title the JUnit suites: they must be told apart.
      if (other !== undefined)
        problems.push(`${file}:1: name: "${scenario.name}" is already the name of ${other}`);
      names.set(scenario.name, file);
      scenarios.push(scenario);
    } catch (error) {
      if (!(error instanceof YamlInputError)) throw error;
      problems.push(...error.lines);
    }
  }
  if (problems.length > 0) throw new CliInputError(problems);
  return scenarios;
}

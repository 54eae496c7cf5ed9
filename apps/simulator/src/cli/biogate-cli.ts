import { asyncApiDocumentText } from '@biogate/service-runtime';
import { Command, CommanderError } from 'commander';
import { evaluateCommand } from '../policy/evaluate.command';
import { explainCommand } from '../policy/explain.command';
import { simulateCommand, type SimulateOptions } from '../capacity/simulate.command';
import { liveCommand, type LiveOptions } from '../live/live.command';
import { replayCommand, type ReplayOptions } from '../replay/replay.command';
import { scenarioJsonSchemaText } from '../replay/scenario-schema';
import { CliInputError, EXIT_INPUT_ERROR, EXIT_INTERNAL_ERROR, EXIT_OK } from './cli-input-error';
import type { CliIo } from './cli-io';

const WHAT_IF_OPTION = '--policy <FILE>';
const WHAT_IF_HELP =
  'what-if policy: a JSON file overriding phase dates, special-service codes, the age threshold or airport readiness (see README)';

/** The files an airport day is made of (DayFileOptions), as simulate and live take them. */
function withDayFiles(command: Command): Command {
  return command
    .option('--params <FILE>', 'capacity parameters YAML (default: seeds/capacity/parameters.yaml)')
    .option(
      '--traffic <FILE>',
      'departures per airport JSON (default: seeds/capacity/airport-traffic.json)',
    )
    .option(
      '--schedule <FILE>',
      "the airport's real departures that day (JSON), instead of generated ones",
    )
    .option(WHAT_IF_OPTION, WHAT_IF_HELP)
    .option(
      '--events <FILE>',
      'what-if events during the day (YAML): outages declared and cleared at local times (see README)',
    );
}

function buildProgram(io: CliIo, exit: { code: number }): Command {
  const program = new Command('biogate')
    .description("Vietnam's biometric (VNeID) airport journey: policy, replay and simulation")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)');

  const policy = program
    .command('policy')
    .description('the phase policy of the directive: evaluate requests, explain the rules');

  policy
    .command('evaluate')
    .description(
      'evaluate a JSON array of requests (the evaluation contract) and print a JSON array of decisions, in the same order',
    )
    .argument('<FILE>', 'JSON file with an array of requests; - reads standard input')
    .option(WHAT_IF_OPTION, WHAT_IF_HELP)
    .addHelpText(
      'after',
      '\nExit codes: 0 decisions printed; 2 input error (nothing printed on stdout, each problem on stderr).\n' +
        'Example:\n  biogate policy evaluate seeds/requests/sample.json',
    )
    .action((file: string, options: { policy?: string }) => evaluateCommand(file, options, io));

  policy
    .command('explain')
    .description('print the phase in force, the rules that apply and the next change of phase')
    .option(
      '--at <INSTANT>',
      'ISO 8601 instant with offset, or a local date YYYY-MM-DD (default: now)',
    )
    .option('--airport <CODE>', 'IATA code of an airport of seeds/reference/airports.json')
    .option(WHAT_IF_OPTION, WHAT_IF_HELP)
    .addHelpText(
      'after',
      '\nExample:\n  biogate policy explain --at 2025-12-01T07:30:00+07:00 --airport SGN',
    )
    .action((options: { at?: string; airport?: string; policy?: string }) => {
      explainCommand(options, io);
    });

  program
    .command('replay')
    .description(
      'replay QA scenarios (YAML) on a simulated clock against the services and report expected against actual',
    )
    .argument(
      '<FILES...>',
      'scenario files, or directories of *.yaml scenarios (see docs/scenarios.md)',
    )
    .option(
      '--target <URL>',
      'running services (one base URL, started with BIOGATE_CLOCK_START) instead of fresh embedded ones',
    )
    .option('--api-key <KEY>', 'QA API key for --target (default: $BIOGATE_API_KEY)')
    .option(
      '--junit <FILE>',
      'write a JUnit XML report (a testsuite per scenario, a testcase per step)',
    )
    .option('--json <FILE>', 'write the full report as JSON')
    .option('--quiet', 'print nothing on stdout (CI)')
    .addHelpText(
      'after',
      '\nExit codes: 0 every expectation held; 1 one did not; 2 a scenario is invalid (file:line on stderr) or the target unusable.\n' +
        'Example:\n  biogate replay seeds/scenarios --junit replay.xml',
    )
    .action(async (files: string[], options: ReplayOptions) => {
      exit.code = await replayCommand(files, options, io);
    });

  program
    .command('scenario-schema')
    .description(
      'print the JSON Schema of replay scenario files (editors use it; seeds/scenarios/scenario.schema.json holds a copy)',
    )
    .action(() => {
      io.stdout.write(scenarioJsonSchemaText());
    });

  program
    .command('asyncapi')
    .description(
      "print the AsyncAPI 3.0 document of biogate's topics and messages (docs/asyncapi.json holds a copy; the services serve it at /asyncapi)",
    )
    .action(() => {
      io.stdout.write(asyncApiDocumentText());
    });

  const simulate = program
    .command('simulate')
    .description(
      'capacity simulation of an airport day: queues, waits and channel shares under the phase of each date',
    )
    .option('--airport <CODE>', 'an airport of seeds/reference/airports.json')
    .option('--all-airports', 'every airport of the traffic file')
    .option('--date <YYYY-MM-DD>', 'the local date to simulate')
    .option(
      '--compare <DATES>',
      'comma-separated local dates: the same day under the phase of each date',
    );
  withDayFiles(simulate)
    .option(
      '--seed <TEXT>',
      'random seed: the same seed gives the same passengers and the same report',
      'biogate',
    )
    .option('--json <FILE>', 'write the full report as JSON')
    .option('--html <FILE>', 'write a self-contained HTML report with charts (opens offline)')
    .option('--quiet', 'print nothing on stdout (CI)')
    .addHelpText(
      'after',
      '\nExample:\n  biogate simulate --airport SGN --compare 2025-11-30,2025-12-01',
    )
    .action((options: SimulateOptions) => {
      simulateCommand(options, io);
    });

  const live = program
    .command('live')
    .description(
      "the capacity model's airport day played through the real services (embedded): every step decided by them at its simulated instant, then cross-checked against the model alone",
    )
    .option(
      '--airport <CODES>',
      'an airport of seeds/reference/airports.json, or several separated by commas (played one after the other)',
    )
    .option('--all-airports', 'every airport of the traffic file: the national day')
    .option('--date <YYYY-MM-DD>', 'the local date to play')
    .option(
      '--window <HH:MM-HH:MM>',
      'only the departures of this part of the day (local time), the airport staffed as for the whole day',
    );
  withDayFiles(live)
    .option(
      '--seed <TEXT>',
      'random seed: the same seed gives the same passengers, faces and report',
      'biogate',
    )
    .option(
      '--target <URLS>',
      'running services on a settable clock (BIOGATE_CLOCK_START) that have not seen this day: one base URL (npm start), or three comma-separated (check-in, security gate, boarding gate), or four (and the operations service, whose clock then follows)',
    )
    .option('--api-key <KEY>', 'QA API key for --target (default: $BIOGATE_API_KEY)')
    .option('--fast', 'as fast as the services answer (the default)')
    .option('--speed <N>', 'N times real time, for watching')
    .option(
      '--port <N>',
      'the port of the embedded services and their operations console (default: a free one)',
    )
    .option('--json <FILE>', "write the report, the services' facts and the cross-check as JSON")
    .option(
      '--html <FILE>',
      "write simulate's self-contained HTML report of the day the services decided (opens offline)",
    )
    .option('--quiet', 'print nothing on stdout (CI)')
    .addHelpText(
      'after',
      '\nThe last line reads live_journeys_per_s=N identical_decisions=K/M.\n' +
        'Example:\n  biogate live --airport VII --date 2025-12-01 --window 06:00-08:00',
    )
    .action(async (options: LiveOptions) => {
      await liveCommand(options, io);
    });

  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never exits. */
export async function runBiogate(argv: readonly string[], io: CliIo): Promise<number> {
  const exit = { code: EXIT_OK };
  const program = buildProgram(io, exit);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_OK;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every usage error is an input error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_INPUT_ERROR;
    }
    if (error instanceof CliInputError) {
      io.stderr.write(`${error.lines.map((line) => `biogate: ${line}`).join('\n')}\n`);
      return EXIT_INPUT_ERROR;
    }
    io.stderr.write(
      `biogate: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_INTERNAL_ERROR;
  }
}

import {
  explainPolicy,
  formatInstantAtOffset,
  parseInstant,
  parseLocalDate,
  startOfCompactDate,
  type Instant,
  type PolicyExplanation,
} from '@biogate/domain';
import type { Airport } from '@biogate/reference-data';
import { CliInputError } from '../cli/cli-input-error';
import type { CliIo } from '../cli/cli-io';
import { renderTable } from '../cli/text-table';
import { loadPolicy } from './policy-source';

export interface ExplainOptions {
  readonly at?: string;
  readonly airport?: string;
  readonly policy?: string;
}

/** `biogate policy explain`: the phase, the rules and the next change, for a person to read. */
export function explainCommand(options: ExplainOptions, io: CliIo): void {
  const { airports, policy } = loadPolicy(options.policy, io.env);
  const offset = policy.compiled.utcOffsetMinutes;
  const at = options.at === undefined ? io.now() : parseAtOption(options.at, offset);
  let airport: Airport | undefined;
  if (options.airport !== undefined) {
    airport = airports.get(options.airport);
    if (airport === undefined) {
      throw new CliInputError([
        `--airport: unknown airport code ${JSON.stringify(options.airport)}; known: ${airports
          .list()
          .map((a) => a.code)
          .join(' ')}`,
      ]);
    }
  }
  const explanation = explainPolicy(policy, at, airport?.code);
  io.stdout.write(renderExplanation(explanation, policy.config.timeZone, offset, airport));
}

/** `--at` takes an instant with an offset, or a local date meaning 00:00 that day in Vietnam. */
function parseAtOption(text: string, offset: number): Instant {
  const instant = parseInstant(text);
  if (instant !== undefined) return instant;
  const date = parseLocalDate(text);
  if (date !== undefined) return startOfCompactDate(date, offset);
  throw new CliInputError([
    `--at: expected an ISO 8601 instant with an offset (e.g. 2025-12-01T07:30:00+07:00) or a local date YYYY-MM-DD, got ${JSON.stringify(text)}`,
  ]);
}

export function renderExplanation(
  explanation: PolicyExplanation,
  timeZone: string,
  offset: number,
  airport?: Airport,
): string {
  const local = (instant: Instant): string =>
    `${formatInstantAtOffset(instant, offset)} (${new Date(instant).toISOString().replace('.000Z', 'Z')})`;
  const facts: [string, string][] = [
    [
      'Phase',
      explanation.phaseSince === undefined
        ? `${explanation.phase} (before the directive)`
        : `${explanation.phase}, since ${local(explanation.phaseSince)}`,
    ],
    [
      'Next change',
      explanation.nextChange === undefined
        ? `none: ${explanation.phase} is the last phase`
        : `${explanation.nextChange.phase} at ${local(explanation.nextChange.startsAt)}, in ${formatDuration(explanation.nextChange.startsAt - explanation.at)}`,
    ],
    ['Incentive window', explanation.incentiveWindow ? 'yes (R9)' : 'no'],
  ];
  if (airport !== undefined && explanation.airport !== undefined) {
    const a = explanation.airport;
    facts.push([
      'Airport',
      `${a.code} ${airport.name}, ${airport.city}: biometric channels ${
        a.biometricInService ? 'in service' : 'not in service'
      } (${a.pilot ? 'pilot airport, ' : ''}ready from ${a.biometricReadyFrom})`,
    ]);
  }
  const rules = explanation.rules.map((r) => [r.rule, r.appliesTo, r.effect]);
  return [
    `Policy in force at ${local(explanation.at)}, ${timeZone}`,
    '',
    ...facts.map(([label, value]) => `${label.padEnd(18)}${value}`),
    '',
    renderTable(['Rule', 'Applies to', 'Effect now'], rules, [4, 24, 72]),
    '',
  ].join('\n');
}

function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${mins} min`;
  if (mins > 0) return `${mins} min`;
  return `${Math.max(Math.ceil(ms / 1000), 0)} s`;
}

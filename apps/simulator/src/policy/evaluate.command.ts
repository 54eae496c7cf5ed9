import { formatInputError, parseEvaluationRequests } from '@biogate/contracts';
import type { PolicyDecision } from '@biogate/domain';
import { CliInputError } from '../cli/cli-input-error';
import type { CliIo } from '../cli/cli-io';
import { parseInputJson, readInputText } from '../cli/input-text';
import { loadPolicy } from './policy-source';

export interface EvaluateOptions {
  readonly policy?: string;
}

/**
 * `biogate policy evaluate FILE`: a JSON array of requests in, a JSON array of decisions out, in
 * the same order. Any input error refuses the whole file, so stdout never holds a partial answer.
 */
export async function evaluateCommand(
  file: string,
  options: EvaluateOptions,
  io: CliIo,
): Promise<void> {
  const { airports, policy } = loadPolicy(options.policy, io.env);
  const input = await readInputText(file, io);
  const parsed = parseEvaluationRequests(parseInputJson(input), airports);
  if (!parsed.ok) {
    const count = parsed.errors.length;
    throw new CliInputError([
      ...parsed.errors.map((error) => `${input.source}: ${formatInputError(error)}`),
      `${count} input error${count === 1 ? '' : 's'} in ${input.source}; nothing was evaluated`,
    ]);
  }
  io.stdout.write(formatDecisions(parsed.value.map((request) => policy.evaluate(request))));
}

/** A JSON array with one decision a line: valid JSON, and easy to read and diff. */
export function formatDecisions(decisions: readonly PolicyDecision[]): string {
  if (decisions.length === 0) return '[]\n';
  return `[\n  ${decisions.map((d) => JSON.stringify(d)).join(',\n  ')}\n]\n`;
}

import type { ScenarioResult, StepResult } from './scenario-runner';

// Reports hold no durations, timestamps or generated ids: the same scenarios give the same bytes.

export interface ReplaySummary {
  readonly scenarios: number;
  readonly scenariosFailed: number;
  readonly steps: number;
  readonly stepsFailed: number;
}

export function summarise(results: readonly ScenarioResult[]): ReplaySummary {
  const steps = results.flatMap((result) => result.steps);
  return {
    scenarios: results.length,
    scenariosFailed: results.filter((result) => !result.passed).length,
    steps: steps.length,
    stepsFailed: steps.filter((step) => !step.passed).length,
  };
}

/** What the services answered, in a few words: "REDIRECTED -> KIOSK COUNTER_NOT_ELIGIBLE". */
export function actualSummary(step: StepResult): string {
  const a = step.actual;
  const parts: string[] = [];
  if (a.outcome !== undefined) {
    const redirect = a.redirectTo === undefined ? '' : ` -> ${show(a.redirectTo)}`;
    // A booking that went through has no reason to show.
    const reason = a.outcome === 'BOOKED' ? '' : ` ${show(a.reason)}`;
    parts.push(`${show(a.outcome)}${redirect}${reason}`);
    if (a.alert !== undefined && a.alert !== 'NONE') parts.push(`alert ${show(a.alert)}`);
    if (a.cleared !== undefined) parts.push(a.cleared === true ? 'cleared' : 'not cleared');
    if (a.boarded !== undefined)
      parts.push(a.boarded === true ? `boarded ${show(a.seat)}` : 'not boarded');
    else if (a.seat !== undefined) parts.push(`seat ${show(a.seat)}`);
  } else if (a.templatesDeleted !== undefined) {
    parts.push(`${show(a.templatesDeleted)} templates deleted`);
  } else if (a.journeySteps !== undefined) {
    const eligible = a.incentiveEligible === true ? 'incentive-eligible' : 'not incentive-eligible';
    parts.push(`${show(a.journeySteps)} steps, ${eligible}`);
    if (a.purchaseChannel !== undefined) parts.push(`bought through ${show(a.purchaseChannel)}`);
    if (a.fullBiometric === true) parts.push('FULL_BIOMETRIC');
  } else if (a.boardedCount !== undefined) {
    parts.push(`${show(a.boardedCount)} boarded, ${show(a.missingCount)} missing`);
  } else if (a.status !== undefined) {
    parts.push(`HTTP ${show(a.status)}`);
  }
  return parts.join(', ');
}

/** Each failed expectation or problem of a step, one line each. */
export function stepFailures(step: StepResult, file: string): string[] {
  const lines = step.checks
    .filter((check) => !check.ok)
    .map(
      (check) =>
        `${file}:${step.line}: expected ${check.field} ${show(check.expected)}, got ${show(check.actual)}`,
    );
  if (step.problem !== undefined) lines.push(`${file}:${step.line}: ${step.problem}`);
  return lines;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** XML 1.0 cannot carry most control characters, even escaped. */
function isXmlCharacter(char: string): boolean {
  const code = char.charCodeAt(0);
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The readable report: each step with what it did, what came back, and what was not expected. */
export function textReport(results: readonly ScenarioResult[], target: string): string {
  const out: string[] = [`biogate replay on ${target}`, ''];
  for (const result of results) {
    out.push(`${result.passed ? 'PASS' : 'FAIL'}  ${result.name}  (${result.file})`);
    for (const step of result.steps) {
      const name = step.name === undefined ? '' : ` [${step.name}]`;
      const answer = actualSummary(step);
      out.push(
        `  ${step.passed ? 'ok  ' : 'FAIL'} ${String(step.number).padStart(2)}  ${step.at.slice(0, 16)}  ${step.description}${name}${answer === '' ? '' : `  =>  ${answer}`}`,
      );
      for (const line of stepFailures(step, result.file)) out.push(`         ${line}`);
    }
    out.push('');
  }
  const summary = summarise(results);
  out.push(
    `${summary.scenarios - summary.scenariosFailed} of ${summary.scenarios} scenarios passed; ` +
      `${summary.steps - summary.stepsFailed} of ${summary.steps} steps passed`,
  );
  return `${out.join('\n')}\n`;
}

export function jsonReport(results: readonly ScenarioResult[], target: string): string {
  return `${JSON.stringify({ target, summary: summarise(results), scenarios: results }, null, 2)}\n`;
}

/**
 * JUnit XML as CI servers read it (Jenkins, GitLab, GitHub actions): a testsuite per scenario, a
 * testcase per step, a failure element per failed step with each expectation that did not hold.
 */
export function junitReport(results: readonly ScenarioResult[]): string {
  const summary = summarise(results);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="biogate replay" tests="${summary.steps}" failures="${summary.stepsFailed}" errors="0" time="0">`,
  ];
  for (const result of results) {
    const failures = result.steps.filter((step) => !step.passed).length;
    out.push(
      `  <testsuite name="${xml(result.name)}" tests="${result.steps.length}" failures="${failures}" errors="0" skipped="0" time="0" package="${xml(result.file)}">`,
    );
    for (const step of result.steps) {
      const name = `step ${step.number}: ${step.description}${step.name === undefined ? '' : ` [${step.name}]`}`;
      out.push(
        `    <testcase name="${xml(name)}" classname="${xml(classname(result.file))}" time="0">`,
      );
      if (!step.passed) {
        const lines = stepFailures(step, result.file);
        out.push(
          `      <failure message="${xml(lines[0] ?? 'failed')}" type="ExpectationFailed">${xml(lines.join('\n'))}</failure>`,
        );
      }
      out.push(
        `      <system-out>${xml(`${step.at}  ${actualSummary(step)}`)}</system-out>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** "seeds/scenarios/01-x.yaml" -> "seeds.scenarios.01-x": how CI servers group test classes. */
function classname(file: string): string {
  return file
    .replace(/\.ya?ml$/, '')
    .replace(/[/\\]+/g, '.')
    .replace(/^\.+/, '');
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .split('')
    .filter(isXmlCharacter)
    .join('');
}

import { createHash } from 'node:crypto';
import { presentedDocument } from '@biogate/contracts';
import type { Instant } from '@biogate/domain';
import { DECISION_FIELDS, type ExpectationDto } from './scenario.dto';
import type { Scenario, ScenarioStep } from './scenario-file';
import type { FaceShown, PassengerRef } from './scenario-step';
import { ScenarioTargetError, type ScenarioTarget, type ServiceResponse } from './scenario-target';
import { stepDescription } from './step-description';
import { captureShown } from '../capacity/capture-shown';

/** One expectation of a step, against what happened. */
export interface ExpectationCheck {
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly ok: boolean;
}

export interface StepResult {
  readonly number: number;
  readonly line: number;
  readonly name?: string;
  /** The clock when the action ran, ISO 8601 in Vietnam time. */
  readonly at: string;
  readonly description: string;
  readonly passed: boolean;
  /** What the services answered, in the vocabulary of expectations. */
  readonly actual: Readonly<Record<string, unknown>>;
  readonly checks: readonly ExpectationCheck[];
  /** Why the step could not pass whatever its expectations (an unexpected HTTP error, ...). */
  readonly problem?: string;
}

export interface ScenarioResult {
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  readonly passed: boolean;
  readonly steps: readonly StepResult[];
}

/**
 * Plays one scenario against a target, step by step on the scenario's clock: each action is one
 * HTTP call, then the events it caused are settled, then its expectations are checked. A step
 * that fails does not stop the scenario: the report shows everything that happened.
 */
export class ScenarioRunner {
  private now: Instant;
  /** Captures are seeded from the scenario's name and the step's number: replays are identical. */
  private readonly capturePrefix: string;
  private readonly passengerIds = new Map<string, string>();
  private readonly enrolmentIds = new Map<string, string>();
  private readonly boardingPasses = new Map<string, string>();

  constructor(
    private readonly scenario: Scenario,
    private readonly target: ScenarioTarget,
  ) {
    this.now = scenario.clock;
    this.capturePrefix = createHash('sha256').update(scenario.name).digest('hex').slice(0, 16);
  }

  async run(): Promise<ScenarioResult> {
    await this.target.setClock(this.now);
    await this.prepareWorld();
    const steps: StepResult[] = [];
    for (const step of this.scenario.steps) steps.push(await this.runStep(step));
    return {
      file: this.scenario.file,
      name: this.scenario.name,
      ...(this.scenario.description === undefined
        ? {}
        : { description: this.scenario.description }),
      passed: steps.every((step) => step.passed),
      steps,
    };
  }

  /** The population register and the outages as the scenario says they are at its start. */
  private async prepareWorld(): Promise<void> {
    const { passengers, airports } = this.scenario;
    for (const passenger of Object.values(passengers)) {
      // The register knows personal identification numbers; passports are not in it.
      if (!/^\d{12}$/.test(passenger.document.number)) continue;
      const register = passenger.register ?? {};
      const chipPhotoOf =
        register.chipPhotoOf === undefined ? undefined : passengers[register.chipPhotoOf];
      // Every identity is set, not only the overridden ones: a running target may remember an
      // override from an earlier scenario.
      await this.target.overrideIdentity(passenger.document.number, {
        registered: register.registered ?? true,
        vneidLevel: register.vneidLevel ?? 2,
        chipPhotoSeed: chipPhotoOf?.document.number ?? passenger.document.number,
        // On record as the scenario declares them, unless it says the register differs.
        surname: register.surname ?? passenger.surname,
        givenName: register.givenName ?? passenger.givenName,
        ...((register.birthDate ?? passenger.birthDate) === undefined
          ? {}
          : { birthDate: register.birthDate ?? passenger.birthDate }),
      });
    }
    for (const [airport, { outages = [] }] of Object.entries(airports)) {
      for (const outage of outages) {
        const response = await this.target.call('PUT', `/v1/airports/${airport}/outages/${outage}`);
        if (response.status !== 200)
          throw new ScenarioTargetError(
            `declaring the ${outage} outage at ${airport} answered ${response.status}`,
          );
      }
    }
    await this.target.settle();
  }

  private async runStep(step: ScenarioStep): Promise<StepResult> {
    if (step.at !== undefined) this.now = step.at;
    if (step.action.kind === 'advance') this.now += step.action.ms;
    if (step.at !== undefined || step.action.kind === 'advance')
      await this.target.setClock(this.now);
    const base = {
      number: step.number,
      line: step.line,
      ...(step.name === undefined ? {} : { name: step.name }),
      at: vietnamTime(this.now),
      description: stepDescription(step),
    };
    let actual: Record<string, unknown> = {};
    let problem: string | undefined;
    try {
      const outcome = await this.act(step);
      actual = outcome.actual;
      problem = outcome.problem;
      await this.target.settle();
    } catch (error) {
      if (error instanceof ScenarioTargetError) throw error;
      problem = error instanceof StepNotPossible ? error.message : String(error);
    }
    // A step that could not be attempted has nothing to compare: its problem says why.
    const checks = problem === undefined ? compare(step.expect, actual) : [];
    // An HTTP error the scenario did not announce is a failure even without expectations.
    const status = actual.status as number | undefined;
    if (problem === undefined && status !== undefined && status >= 300) {
      if (step.expect.status !== status)
        problem = `the service answered HTTP ${status}${errorText(actual.error)}`;
    }
    return {
      ...base,
      passed: problem === undefined && checks.every((check) => check.ok),
      actual,
      checks,
      ...(problem === undefined ? {} : { problem }),
    };
  }

  private async act(
    step: ScenarioStep,
  ): Promise<{ actual: Record<string, unknown>; problem?: string }> {
    const action = step.action;
    switch (action.kind) {
      case 'clock':
      case 'advance':
        return { actual: {} };
      case 'book': {
        const response = await this.target.call('POST', '/v1/bookings', {
          pnr: action.pnr,
          flight: defined(action.flight.flight),
          passengers: action.passengers.map(({ passenger }) => ({
            surname: passenger.surname,
            givenName: passenger.givenName,
            ...(passenger.birthDate === undefined ? {} : { birthDate: passenger.birthDate }),
            document: presentedDocument(passenger.document),
            checkedBags: passenger.checkedBags ?? 0,
            ssr: passenger.ssr ?? [],
            ...(action.channel === 'VNEID_APP'
              ? { purchaseChannel: 'VNEID_APP', identityConsent: action.consent }
              : {}),
          })),
        });
        const body = asRecord(response.body);
        const refusals = Array.isArray(body.refusals) ? (body.refusals as unknown[]) : [];
        if (response.status === 201) {
          const booked = (response.body as { passengers: { passengerId: string }[] }).passengers;
          action.passengers.forEach(({ ref }, i) => {
            const id = booked[i]?.passengerId;
            if (id !== undefined) this.passengerIds.set(ref, id);
          });
        }
        return {
          actual: {
            ...httpFacts(response),
            ...pick(body, ['outcome']),
            ...pick(asRecord(refusals[0]), ['reason']),
          },
        };
      }
      case 'enrol': {
        const response = await this.target.call('POST', '/v1/enrolments', {
          passengerId: this.passengerId(action.passenger.ref),
          channel: action.channel,
          consent: action.consent,
          capture: this.capture(step, action.passenger, action.face),
        });
        const body = asRecord(response.body);
        if (typeof body.enrolmentId === 'string')
          this.enrolmentIds.set(action.passenger.ref, body.enrolmentId);
        return { actual: { ...httpFacts(response), ...pick(body, ['outcome', 'reason']) } };
      }
      case 'withdrawConsent': {
        const enrolmentId = this.enrolmentIds.get(action.passenger.ref);
        if (enrolmentId === undefined)
          throw new StepNotPossible(
            `${action.passenger.ref} has no enrolment to withdraw (no enrol step enrolled them)`,
          );
        const response = await this.target.call('DELETE', `/v1/enrolments/${enrolmentId}`);
        return { actual: httpFacts(response) };
      }
      case 'channels': {
        const at = encodeURIComponent(new Date(this.now).toISOString());
        const response = await this.target.call(
          'GET',
          `/v1/passengers/${this.passengerId(action.passenger.ref)}/channels?at=${at}`,
        );
        const checkIn = asRecord(asRecord(response.body).checkIn);
        return {
          actual: {
            ...httpFacts(response),
            ...pick(checkIn[action.channel], DECISION_FIELDS),
          },
        };
      }
      case 'checkIn': {
        const response = await this.target.call('POST', '/v1/check-ins', {
          passengerId: this.passengerId(action.passenger.ref),
          channel: action.channel,
          ...(action.channel === 'BIOMETRIC'
            ? { capture: this.capture(step, action.passenger, action.face) }
            : {}),
        });
        const body = asRecord(response.body);
        const pass = asRecord(body.boardingPass);
        if (typeof pass.bcbp === 'string') this.boardingPasses.set(action.passenger.ref, pass.bcbp);
        return {
          actual: {
            ...httpFacts(response),
            ...pick(body.decision, DECISION_FIELDS),
            ...pick(pass, ['seat']),
          },
        };
      }
      case 'security':
      case 'board': {
        const response = await this.target.call(
          'POST',
          action.kind === 'security' ? '/v1/security/presentations' : '/v1/boarding/presentations',
          {
            airport: action.airport ?? action.passenger.flight?.flight.origin,
            ...(action.kind === 'board' ? { gate: action.gate } : {}),
            lane: action.lane,
            boardingPass: action.boardingPass ?? this.boardingPass(action.passenger.ref),
            document: presentedDocument(action.document ?? action.passenger.passenger.document),
            ...(action.lane === 'AUTOMATED'
              ? { capture: this.capture(step, action.passenger, action.face) }
              : {}),
          },
        );
        const body = asRecord(response.body);
        const decision = pick(body.decision, DECISION_FIELDS);
        return {
          actual: {
            ...httpFacts(response),
            ...decision,
            ...(body.decision === undefined
              ? {}
              : {
                  lane: decision.outcome === 'REDIRECTED' ? decision.redirectTo : action.lane,
                  alert: asRecord(body.alert).kind ?? 'NONE',
                }),
            ...pick(body, action.kind === 'security' ? ['cleared'] : ['boarded', 'seat']),
          },
        };
      }
      case 'openBoarding':
      case 'closeBoarding': {
        const { flight } = action.flight;
        const response = await this.target.call(
          'POST',
          `/v1/boarding/flights/${action.kind === 'openBoarding' ? 'open' : 'close'}`,
          {
            airport: flight.origin,
            carrier: flight.carrier,
            number: flight.number,
            date: flight.date,
            ...(action.kind === 'openBoarding' ? { gate: action.gate } : {}),
          },
        );
        return { actual: httpFacts(response) };
      }
      case 'outage': {
        const response = await this.target.call(
          action.state === 'DECLARED' ? 'PUT' : 'DELETE',
          `/v1/airports/${action.airport}/outages/${action.outage}`,
        );
        return { actual: httpFacts(response) };
      }
      case 'purge': {
        const response = await this.target.call('POST', '/v1/maintenance/template-purge');
        const deleted = Object.values(asRecord(asRecord(response.body).deleted));
        return {
          actual: {
            ...httpFacts(response),
            templatesDeleted: deleted.reduce<number>(
              (sum, n) => sum + (typeof n === 'number' ? n : 0),
              0,
            ),
          },
        };
      }
      case 'journey': {
        const response = await this.target.call(
          'GET',
          `/v1/passengers/${this.passengerId(action.passenger.ref)}/journey`,
        );
        const body = asRecord(response.body);
        return {
          actual: {
            ...httpFacts(response),
            ...pick(body, ['incentiveEligible', 'fullBiometric']),
            ...renamed(asRecord(body.ticketPurchase), 'channel', 'purchaseChannel'),
            ...(Array.isArray(body.steps) ? { journeySteps: body.steps.length } : {}),
          },
        };
      }
      case 'manifest': {
        const { flight } = action.flight;
        const query = new URLSearchParams({
          airport: flight.origin,
          carrier: flight.carrier,
          number: flight.number,
          date: flight.date,
        }).toString();
        const response = await this.target.call('GET', `/v1/boarding/flights/manifest?${query}`);
        const body = asRecord(response.body);
        return {
          actual: {
            ...httpFacts(response),
            ...(Array.isArray(body.boarded) ? { boardedCount: body.boarded.length } : {}),
            ...(Array.isArray(body.missing) ? { missingCount: body.missing.length } : {}),
          },
        };
      }
    }
  }

  private passengerId(ref: string): string {
    const id = this.passengerIds.get(ref);
    if (id === undefined)
      throw new StepNotPossible(`${ref} is not booked (no book step booked them)`);
    return id;
  }

  private boardingPass(ref: string): string {
    const bcbp = this.boardingPasses.get(ref);
    if (bcbp === undefined)
      throw new StepNotPossible(`${ref} has no boarding pass (no check-in issued one)`);
    return bcbp;
  }

  /** A simulated live capture; seeded by scenario and step so that replays are identical. */
  private capture(step: ScenarioStep, passenger: PassengerRef, shown: FaceShown) {
    const seed = shown.seed ?? `${this.capturePrefix}-${step.number}`;
    return captureShown(shown.face, seed, impostorOf(passenger.passenger.document.number));
  }
}

/** A step that cannot be attempted: what it needs was never produced by an earlier step. */
class StepNotPossible extends Error {}

/** Someone else: a different, well-formed personal identification number. */
function impostorOf(personalIdNumber: string): string {
  const digits = /^\d{12}$/.test(personalIdNumber) ? personalIdNumber : '079200000000';
  return ((BigInt(digits) + 100_000_007n) % 1_000_000_000_000n).toString().padStart(12, '0');
}

/** A DTO instance declares every field; a request carries only those the scenario gave. */
function defined<T extends object>(dto: T): Partial<T> {
  return JSON.parse(JSON.stringify(dto)) as Partial<T>;
}

function httpFacts(response: ServiceResponse): Record<string, unknown> {
  const body = response.body as { message?: string; errors?: unknown } | undefined;
  return {
    status: response.status,
    ...(response.status >= 300 && body?.message !== undefined
      ? { error: body.errors ?? body.message }
      : {}),
  };
}

/** A JSON object of an answer, or an empty one: answers are read defensively. */
function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function pick(body: unknown, fields: readonly string[]): Record<string, unknown> {
  const record = asRecord(body);
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (record[field] !== undefined) out[field] = record[field];
  }
  return out;
}

function compare(expectation: ExpectationDto, actual: Record<string, unknown>): ExpectationCheck[] {
  // DTO instances carry every declared field; only those the scenario set are expectations.
  const set = Object.entries(expectation).filter(([, expected]) => expected !== undefined);
  return set.map(([field, expected]) => {
    const value = actual[field];
    return {
      field,
      expected: expected as unknown,
      actual: value,
      // Rules are a set: the order they fired in is the engine's business.
      ok: JSON.stringify(normalised(value)) === JSON.stringify(normalised(expected)),
    };
  });
}

function normalised(value: unknown): unknown {
  return Array.isArray(value) ? [...(value as string[])].sort() : value;
}

function errorText(error: unknown): string {
  if (error === undefined) return '';
  if (typeof error === 'string') return `: ${error}`;
  if (Array.isArray(error))
    return `: ${error
      .map((e) => {
        const { path, message } = e as { path?: string; message?: string };
        return path ? `${path}: ${message ?? ''}` : String(message);
      })
      .join('; ')}`;
  return `: ${JSON.stringify(error)}`;
}

/** "2025-12-01T07:30:00+07:00": instants read as Vietnam local time, as the rules are. */
export function vietnamTime(instant: Instant): string {
  return `${new Date(instant + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

/** `{ channel: X }` as `{ purchaseChannel: X }`: a field of a nested answer, under its expectation name. */
function renamed(
  record: Record<string, unknown>,
  from: string,
  to: string,
): Record<string, unknown> {
  return record[from] === undefined ? {} : { [to]: record[from] };
}

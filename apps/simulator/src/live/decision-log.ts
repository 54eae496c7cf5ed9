import type { Instant } from '@biogate/domain';
import type { DayBatch, JourneyStep, StepVerdict } from '../capacity/journey-step';

/** A step whose decision differs between the model and the services. */
export interface DecisionDifference {
  readonly passenger: number;
  /** 1-based position of the step in the passenger's journey. */
  readonly step: number;
  /** When the services decided it. */
  readonly at: Instant;
  readonly model: string;
  readonly services: string;
}

export interface CrossCheck {
  readonly identical: number;
  readonly decisions: number;
  /** The first differing step of each passenger whose route differs, at most `limit` of them. */
  readonly differences: readonly DecisionDifference[];
  readonly passengersDiffering: number;
}

/**
 * Every decision of a day, per passenger, as text ("SECURITY AUTOMATED: REDIRECTED
 * FACE_MISMATCH → MANUAL at 07:31:02"), so that two runs of the same day can be compared step
 * by step.
 */
export class DecisionLog {
  private readonly journeys: string[][];
  private readonly instants: Instant[][];
  /**
   * One string per distinct text: a day has a few hundred of them over 260,000 steps, and each
   * step's own copy (a rope of its parts) was about 40 MB of a whole day's log.
   */
  private readonly texts = new Map<string, string>();

  constructor(passengers: number) {
    this.journeys = Array.from({ length: passengers }, () => []);
    this.instants = Array.from({ length: passengers }, () => []);
  }

  record(batch: DayBatch, verdicts: readonly StepVerdict[]): void {
    batch.steps.forEach((step, i) => {
      const text = this.interned(`${pointOf(step)}: ${verdictText(verdicts[i] as StepVerdict)}`);
      for (const p of step.kind === 'BOOKING' ? step.passengers : [step.passenger]) {
        this.journeys[p]?.push(text);
        this.instants[p]?.push(batch.at);
      }
    });
  }

  private interned(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }

  journey(passenger: number): readonly string[] {
    return this.journeys[passenger] ?? [];
  }

  /** Compares this (the services') log with the model's, step by step. */
  compareWith(model: DecisionLog, limit = 50): CrossCheck {
    let identical = 0;
    let decisions = 0;
    let passengersDiffering = 0;
    const differences: DecisionDifference[] = [];
    this.journeys.forEach((services, p) => {
      const expected = model.journey(p);
      const length = Math.max(services.length, expected.length);
      decisions += length;
      let first: number | undefined;
      for (let i = 0; i < length; i++) {
        if (services[i] === expected[i]) identical++;
        else first ??= i;
      }
      if (first === undefined) return;
      passengersDiffering++;
      if (differences.length < limit)
        differences.push({
          passenger: p,
          step: first + 1,
          at: this.instants[p]?.[first] ?? model.instants[p]?.[first] ?? 0,
          model: expected[first] ?? '(no step)',
          services: services[first] ?? '(no step)',
        });
    });
    return { identical, decisions, differences, passengersDiffering };
  }
}

function pointOf(step: JourneyStep): string {
  switch (step.kind) {
    case 'BOOKING':
      return 'BOOKING';
    case 'ENROLMENT':
    case 'CHECK_IN':
      return `${step.kind} ${step.channel}`;
    default:
      return `${step.kind} ${step.lane}`;
  }
}

function verdictText(verdict: StepVerdict): string {
  return `${verdict.outcome} ${verdict.reason}${verdict.redirectTo === undefined ? '' : ` → ${verdict.redirectTo}`}`;
}

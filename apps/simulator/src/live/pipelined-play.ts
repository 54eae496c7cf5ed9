import { AirportDay, type AirportDayInput } from '../capacity/airport-day';
import { ModelDecider } from '../capacity/model-decider';
import type { AsyncStepDecider, DayBatch, StepVerdict } from '../capacity/journey-step';

/** A decider that can decide batches of different seconds at once, when they move other clocks. */
export interface ClockedStepDecider extends AsyncStepDecider {
  /** The clocks a batch moves (one per service); undefined: it is decided with nothing else. */
  clocksOf(batch: DayBatch): readonly string[] | undefined;
  /**
   * The batch goes soon, and every batch it may depend on has been answered: what its steps will
   * wait for (a settle) may start now.
   */
  prepare?(batch: DayBatch): void;
}

/** A batch the day has asked, on its way to the decider or answered. */
interface AskedBatch {
  readonly batch: DayBatch;
  /** What the day went on with: the model's prediction, or the answer when it was known. */
  readonly assumed: readonly StepVerdict[] | undefined;
  readonly clocks: readonly string[] | undefined;
  sent: boolean;
  prepared?: boolean;
  verdicts?: readonly StepVerdict[];
  failure?: { readonly error: unknown };
}

/** After this many predictions overruled, the day waits for each answer (see `play`). */
export const MOST_ROLLBACKS = 8;
/** Batches asked ahead of the oldest unanswered one, at most. */
const MOST_AHEAD = 256;

/**
 * A live day with the steps of several seconds on their way at once. In turn, the day is a chain
 * of seconds, each waiting for the last one's answers while two services of three have nothing to
 * do. But a verdict changes no step of the next `lookaheadSeconds` (besides its own redirect, in
 * the same second): so the day runs ahead on the model's prediction of each verdict, and sends a
 * second's steps once every unanswered batch before it is less than the lookahead older and of an
 * earlier second, and no earlier unanswered batch moves a clock it moves (each service's clock
 * goes forward; the decider passes each batch's instant along). A batch of the same second as the
 * one before it (a redirect asked again) depends on that one's answers only: it goes once they
 * are in and are what the day went on with, older batches answered or not. A batch whose clocks
 * are not known (an outage changed, which every service reads) goes alone. Batches further ahead
 * whose passengers' earlier steps are answered are prepared (`prepare`: their settle may begin).
 *
 * The services' answers still decide. Answers are taken in the day's order; when one differs
 * from the prediction the day ran on, the batches already sent stand (none of them depends on
 * it), their answers are awaited, and the day is played again from its start on the answers, to
 * go on from the overruled batch. After `MOST_ROLLBACKS`, the day waits for each answer before it
 * asks the next batch, as a day without prediction does.
 */
export class PipelinedPlay {
  private day: AirportDay;
  private predictor: ModelDecider;
  private readonly asked: AskedBatch[] = [];
  private ended = false;
  private rollbacks = 0;
  /** Answers that overruled the prediction, by batch: a replay of the day takes them again. */
  private readonly overruled = new Map<string, readonly StepVerdict[]>();
  /** Answered batches ahead of a replayed day: taken as answers when the day asks them again. */
  private known = new Map<string, { at: number; verdicts: readonly StepVerdict[] }>();
  /** Per passenger, the batches asked and not answered yet that hold a step of theirs. */
  private unanswered: Int32Array;
  private wake: () => void = () => undefined;

  constructor(
    private readonly input: AirportDayInput,
    private readonly decider: ClockedStepDecider,
    /** Each batch with its answers, in the day's order. */
    private readonly answered: (batch: DayBatch, verdicts: readonly StepVerdict[]) => unknown,
    /** The day of `input`, not yet asked anything (a replay builds its own). */
    day: AirportDay = new AirportDay(input),
  ) {
    this.day = day;
    this.predictor = new ModelDecider(input.policy, this.day.population);
    this.unanswered = new Int32Array(this.day.population.total);
  }

  /** Passengers whose day is over, as far as the day has run ahead. */
  get passengersThrough(): number {
    return this.day.passengersThrough;
  }

  /** Predictions the services overruled, each a replay of the day. */
  get overrules(): number {
    return this.overruled.size;
  }

  /** Plays the day to its end; returns it, every step applied as the decider answered. */
  async play(): Promise<AirportDay> {
    for (;;) {
      this.ask();
      this.send();
      const head = this.asked[0];
      if (head === undefined) {
        if (this.ended) return this.day;
        continue;
      }
      if (head.failure === undefined && head.verdicts === undefined) {
        if (!head.sent) throw new Error('the live day sent nothing while it waited');
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      this.asked.shift();
      if (head.failure !== undefined) {
        await this.answersOfSent();
        throw head.failure.error;
      }
      await this.take(head, head.verdicts as readonly StepVerdict[]);
    }
  }

  private get predicting(): boolean {
    return this.rollbacks < MOST_ROLLBACKS;
  }

  private get lookaheadMs(): number {
    return this.predicting ? this.day.lookaheadSeconds * 1000 : 0;
  }

  /**
   * The day's next batches: as far as any of them could be sent, and as far again, so that what
   * they will wait for can begin before they may be sent (`prepare`).
   */
  private ask(): void {
    while (!this.ended && this.asked.length < MOST_AHEAD) {
      const oldest = this.asked[0];
      const last = this.asked[this.asked.length - 1];
      if (oldest !== undefined && !this.predicting) return;
      if (
        oldest !== undefined &&
        (last as AskedBatch).batch.at >= oldest.batch.at + 2 * this.lookaheadMs
      )
        return;
      const batch = this.day.next();
      if (batch === undefined) {
        this.ended = true;
        if (this.known.size > 0) throw new Error(skipped([...this.known.values()][0]?.at));
        return;
      }
      // Once it no longer predicts, the day never replays again: the model has nothing to do.
      const predicted = this.predicting ? this.predictor.decide(batch) : undefined;
      const known = this.knownAnswer(batch);
      const assumed = known ?? predicted;
      if (assumed !== undefined) this.day.apply(batch, assumed);
      if (known === undefined) this.countUnanswered(batch, 1);
      this.asked.push({
        batch,
        assumed,
        clocks: this.decider.clocksOf(batch),
        sent: known !== undefined,
        ...(known === undefined ? {} : { verdicts: known }),
      });
    }
  }

  /**
   * Sends every asked batch that may go now (see the class), and prepares those whose passengers
   * have no earlier step unanswered: what they depend on is known to the services.
   */
  private send(): void {
    const taken = new Set<string>();
    for (let i = 0; i < this.asked.length; i++) {
      const entry = this.asked[i] as AskedBatch;
      if (!entry.sent && this.maySend(i, entry, taken)) this.sendOne(entry);
      if (entry.verdicts !== undefined) continue;
      // Nothing after a batch that goes alone is sent, or prepared, before it is answered.
      if (entry.clocks === undefined) return;
      if (!entry.sent && entry.prepared !== true && this.onlyUnanswered(entry)) {
        entry.prepared = true;
        this.decider.prepare?.(entry.batch);
      }
      for (const clock of entry.clocks) taken.add(clock);
    }
  }

  private sendOne(entry: AskedBatch): void {
    entry.sent = true;
    this.decider.decide(entry.batch).then(
      (verdicts) => {
        entry.verdicts = verdicts;
        this.countUnanswered(entry.batch, -1);
        this.wake();
      },
      (error: unknown) => {
        entry.failure = { error };
        this.wake();
      },
    );
  }

  private countUnanswered(batch: DayBatch, by: 1 | -1): void {
    for (const p of passengersOf(batch)) this.unanswered[p] = (this.unanswered[p] as number) + by;
  }

  /** Whether the batch is the only unanswered one of each of its passengers. */
  private onlyUnanswered(entry: AskedBatch): boolean {
    return passengersOf(entry.batch).every((p) => this.unanswered[p] === 1);
  }

  private maySend(i: number, entry: AskedBatch, taken: ReadonlySet<string>): boolean {
    if (i === 0) return true;
    if (entry.clocks === undefined) return false;
    const before = this.asked[i - 1] as AskedBatch;
    const oldest = this.asked[0] as AskedBatch;
    return (
      (before.batch.at < entry.batch.at || answeredAsAssumed(before)) &&
      oldest.batch.at + this.lookaheadMs > entry.batch.at &&
      entry.clocks.every((clock) => !taken.has(clock))
    );
  }

  /** The head's answers: applied, or checked against what the day assumed. */
  private async take(entry: AskedBatch, verdicts: readonly StepVerdict[]): Promise<void> {
    await this.answered(entry.batch, verdicts);
    if (entry.assumed === undefined) {
      this.day.apply(entry.batch, verdicts);
      return;
    }
    if (sameVerdicts(entry.assumed, verdicts)) return;
    const key = keyOf(entry.batch);
    this.overruled.set(key, verdicts);
    await this.replayTo(key);
  }

  /**
   * The day again from its start, on the answers, up to the overruled batch; the batches sent
   * after it are answered first and kept for when the day asks them again.
   */
  private async replayTo(overruledKey: string): Promise<void> {
    this.rollbacks++;
    await this.answersOfSent();
    const failed = this.asked.find((entry) => entry.failure !== undefined);
    if (failed?.failure !== undefined) throw failed.failure.error;
    this.known = new Map(
      this.asked
        .filter((entry) => entry.verdicts !== undefined)
        .map((entry) => [
          keyOf(entry.batch),
          { at: entry.batch.at, verdicts: entry.verdicts as readonly StepVerdict[] },
        ]),
    );
    this.asked.length = 0;
    this.unanswered.fill(0);
    this.day = new AirportDay(this.input);
    this.predictor = new ModelDecider(this.input.policy, this.day.population);
    for (;;) {
      const batch = this.day.next();
      if (batch === undefined) throw new Error('the replayed day ended before its overruled step');
      const predicted = this.predictor.decide(batch);
      const key = keyOf(batch);
      this.day.apply(batch, this.overruled.get(key) ?? predicted);
      if (key === overruledKey) return;
    }
  }

  /** Waits for every batch sent to be answered (or to fail). */
  private async answersOfSent(): Promise<void> {
    while (
      this.asked.some(
        (entry) => entry.sent && entry.verdicts === undefined && entry.failure === undefined,
      )
    )
      await new Promise<void>((resolve) => (this.wake = resolve));
  }

  /** The answer a batch had before a replay, if it was sent; a skipped one is an error. */
  private knownAnswer(batch: DayBatch): readonly StepVerdict[] | undefined {
    if (this.known.size === 0) return undefined;
    const key = keyOf(batch);
    const known = this.known.get(key);
    if (known !== undefined) {
      this.known.delete(key);
      return known.verdicts;
    }
    for (const { at } of this.known.values()) if (at < batch.at) throw new Error(skipped(at));
    return undefined;
  }
}

function passengersOf(batch: DayBatch): readonly number[] {
  return batch.steps.flatMap((step) =>
    step.kind === 'BOOKING' ? step.passengers : step.passenger,
  );
}

/** A batch as the services receive it: its instant, actions and steps. */
function keyOf(batch: DayBatch): string {
  return JSON.stringify(batch);
}

/**
 * Whether a batch's answers are in and are what the day went on with: a batch of the same second
 * after it (a redirect asked again) depends on nothing else of its second.
 */
function answeredAsAssumed(entry: AskedBatch): boolean {
  return (
    entry.verdicts !== undefined &&
    entry.assumed !== undefined &&
    sameVerdicts(entry.assumed, entry.verdicts)
  );
}

function sameVerdicts(a: readonly StepVerdict[], b: readonly StepVerdict[]): boolean {
  return (
    a.length === b.length &&
    a.every((verdict, i) => {
      const other = b[i] as StepVerdict;
      return (
        verdict.outcome === other.outcome &&
        verdict.reason === other.reason &&
        verdict.redirectTo === other.redirectTo
      );
    })
  );
}

function skipped(at: number | undefined): string {
  return (
    `the live day sent a step at ${new Date(at ?? 0).toISOString()} that its replay did not ask: ` +
    'a verdict changed a step sooner than the lookahead allows'
  );
}

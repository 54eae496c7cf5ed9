import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAirportRegistry, phasePolicyFor } from '@biogate/reference-data';
import { AirportDay, type AirportDayInput } from '../capacity/airport-day';
import { loadCapacityParameters, parseCapacityParameters } from '../capacity/capacity-parameters';
import type { DayBatch, JourneyStep, StepVerdict } from '../capacity/journey-step';
import { ModelDecider } from '../capacity/model-decider';
import { DecisionLog } from './decision-log';
import { MOST_ROLLBACKS, PipelinedPlay, type ClockedStepDecider } from './pipelined-play';

const policy = phasePolicyFor(loadAirportRegistry());
const PARAMETERS = join(__dirname, '../../../../seeds/capacity/parameters.yaml');
const parameters = loadCapacityParameters(PARAMETERS);

const INPUT: AirportDayInput = {
  airport: 'DAD',
  date: '2025-12-01',
  departures: 12,
  internationalShare: 0.2,
  seatsPerFlight: 120,
  loadFactor: 0.8,
  parameters,
  policy,
  seed: 'pipelined',
  events: [{ at: 8 * 3600, kind: 'DECLARE_OUTAGE', outage: 'KIOSK' }],
};

const CLOCK_OF: Record<JourneyStep['kind'], string> = {
  BOOKING: 'checkin',
  ENROLMENT: 'checkin',
  CHECK_IN: 'checkin',
  SECURITY: 'security',
  BOARDING: 'boarding',
};

/** A passenger whose step the "services" decide otherwise than the model would. */
type Overrule = (step: JourneyStep, verdict: StepVerdict) => StepVerdict;

const asModel: Overrule = (_step, verdict) => verdict;

/** Refuses every third enrolled passenger's security e-gate: they go to the manual lane. */
const refusingSomeEGates: Overrule = (step, verdict) =>
  step.kind === 'SECURITY' && step.lane === 'AUTOMATED' && step.passenger % 3 === 0
    ? { outcome: 'REDIRECTED', reason: 'FACE_MISMATCH', redirectTo: 'MANUAL' }
    : verdict;

/** Lets every other passenger the model redirects through where they are (ALLOWED). */
const allowingSomeRedirects: Overrule = (step, verdict) =>
  verdict.outcome === 'REDIRECTED' && passengerOf(step) % 2 === 0
    ? { outcome: 'ALLOWED', reason: 'OK' }
    : verdict;

function passengerOf(step: JourneyStep): number {
  return step.kind === 'BOOKING' ? (step.passengers[0] as number) : step.passenger;
}

/**
 * The services as the tests play them: the model's own rules with `overrule` on top, answering
 * after a few turns of the event loop, and watching how batches are sent.
 */
class PlayedServices implements ClockedStepDecider {
  private readonly model: ModelDecider;
  readonly inFlight = new Map<string, number>();
  mostInFlight = 0;
  /** Batches sent while an older one, of an earlier second, was still unanswered. */
  redirectsAhead = 0;
  /** What went wrong in the order of sending, if anything. */
  readonly breaches: string[] = [];
  private readonly lastAt = new Map<string, number>();
  private sending = 0;
  private alone = false;
  /** The seconds of the batches answered, and of those on their way. */
  private readonly answeredAt = new Set<number>();
  private readonly unanswered = new Set<number>();

  constructor(
    population: AirportDay['population'],
    private readonly overrule: Overrule,
    private readonly fail?: (batch: DayBatch) => boolean,
  ) {
    this.model = new ModelDecider(policy, population);
  }

  clocksOf(batch: DayBatch): readonly string[] | undefined {
    if (batch.actions.some((action) => 'outage' in action)) return undefined;
    return [
      ...new Set([
        ...batch.actions.map(() => 'boarding'),
        ...batch.steps.map((step) => CLOCK_OF[step.kind]),
      ]),
    ];
  }

  async decide(batch: DayBatch): Promise<readonly StepVerdict[]> {
    const clocks = this.clocksOf(batch) ?? ['*'];
    if (this.alone || (clocks[0] === '*' && this.sending > 0))
      this.breaches.push(`an outage changed beside another batch at ${batch.at}`);
    this.alone = clocks[0] === '*';
    for (const clock of clocks) {
      if ((this.inFlight.get(clock) ?? 0) > 0) this.breaches.push(`two on ${clock} at ${batch.at}`);
      if ((this.lastAt.get(clock) ?? -Infinity) > batch.at)
        this.breaches.push(`${clock} moved back to ${batch.at}`);
      this.inFlight.set(clock, 1);
      this.lastAt.set(clock, batch.at);
    }
    if (this.answeredAt.has(batch.at) && [...this.unanswered].some((at) => at < batch.at))
      this.redirectsAhead++;
    this.unanswered.add(batch.at);
    this.sending++;
    this.mostInFlight = Math.max(this.mostInFlight, this.sending);
    // The model decides in the order the batches arrive, as the services would.
    const verdicts = this.model
      .decide(batch)
      .map((verdict, i) => this.overrule(batch.steps[i] as JourneyStep, verdict));
    for (let turn = 0; turn < 1 + (batch.at % 5); turn++) await new Promise(setImmediate);
    this.sending--;
    this.unanswered.delete(batch.at);
    this.answeredAt.add(batch.at);
    this.alone = false;
    for (const clock of clocks) this.inFlight.set(clock, 0);
    if (this.fail?.(batch) === true) throw new Error(`services down at ${batch.at}`);
    return verdicts;
  }
}

/** The day with each batch answered before the next is asked: what a pipelined play must equal. */
async function inTurn(overrule: Overrule) {
  const day = new AirportDay(INPUT);
  const services = new PlayedServices(day.population, overrule);
  const log = new DecisionLog(day.population.total);
  for (let batch = day.next(); batch !== undefined; batch = day.next()) {
    const verdicts = await services.decide(batch);
    log.record(batch, verdicts);
    day.apply(batch, verdicts);
  }
  return { report: day.report(), log };
}

async function pipelined(overrule: Overrule) {
  const population = new AirportDay(INPUT).population;
  const services = new PlayedServices(population, overrule);
  const log = new DecisionLog(population.total);
  const answeredAt: number[] = [];
  const play = new PipelinedPlay(INPUT, services, (batch, verdicts) => {
    answeredAt.push(batch.at);
    log.record(batch, verdicts);
  });
  const day = await play.play();
  return { report: day.report(), log, services, overrules: play.overrules, answeredAt };
}

/**
 * Each test below plays the small airport's day two or more times (the last one nine: a day per
 * overrule): 2-5 s alone, more on two cores shared with the rest of `npm test`. Jest's 5 s is
 * not a goal of the play's.
 */
const PLAYS_A_DAY_MS = 60_000;

describe('PipelinedPlay: several seconds on their way at once, decided as one after the other', () => {
  it('looks ahead as far as the desks allow: the shortest service before a step', () => {
    expect(new AirportDay(INPUT).lookaheadSeconds).toBe(18);
    const withoutFloor = parseCapacityParameters(
      readFileSync(PARAMETERS, 'utf8').replace(
        'screening: { kind: uniform, min: 18, max: 36 }',
        'screening: { kind: exponential, mean: 27 }',
      ),
      PARAMETERS,
    );
    const noFloor = { ...INPUT, parameters: withoutFloor };
    expect(new AirportDay(noFloor).lookaheadSeconds).toBe(0);
  });

  it.each<[string, Overrule, boolean]>([
    ['services that answer as the model', asModel, false],
    ['services that overrule the model', refusingSomeEGates, true],
    // The redirects the day went on with were never to be asked: none may have been sent.
    ['services that let through passengers the model redirects', allowingSomeRedirects, true],
  ])(
    '%s: the same decisions and the same day as in turn',
    async (_, overrule, overruled) => {
      const expected = await inTurn(overrule);
      const played = await pipelined(overrule);
      expect(played.log.compareWith(expected.log)).toMatchObject({
        passengersDiffering: 0,
        identical: expected.log.compareWith(expected.log).decisions,
      });
      expect(played.report).toEqual(expected.report);
      expect(played.services.breaches).toEqual([]);
      expect(played.services.mostInFlight).toBeGreaterThan(1);
      expect(played.overrules > 0).toBe(overruled);
      // Answers are taken in the day's order.
      expect(played.answeredAt).toEqual([...played.answeredAt].sort((a, b) => a - b));
    },
    PLAYS_A_DAY_MS,
  );

  it(
    'asks a redirect again once its own answer is in, older seconds unanswered or not',
    async () => {
      const played = await pipelined(asModel);
      const expected = await inTurn(asModel);
      expect(played.services.redirectsAhead).toBeGreaterThan(0);
      expect(played.log.compareWith(expected.log).passengersDiffering).toBe(0);
      expect(played.services.breaches).toEqual([]);
    },
    PLAYS_A_DAY_MS,
  );

  it(
    'after many overrules, waits for each answer and still plays the same day',
    async () => {
      const everyEGate: Overrule = (step, verdict) =>
        step.kind === 'BOARDING' && step.lane === 'AUTOMATED'
          ? { outcome: 'REDIRECTED', reason: 'FACE_MISMATCH', redirectTo: 'MANUAL' }
          : verdict;
      const expected = await inTurn(everyEGate);
      const played = await pipelined(everyEGate);
      expect(played.overrules).toBe(MOST_ROLLBACKS);
      expect(played.report).toEqual(expected.report);
      expect(played.log.compareWith(expected.log).passengersDiffering).toBe(0);
      expect(played.services.breaches).toEqual([]);
    },
    PLAYS_A_DAY_MS,
  );

  it(
    'fails with the services’ error once what was sent has come back',
    async () => {
      const population = new AirportDay(INPUT).population;
      let failAt: number | undefined;
      const services = new PlayedServices(population, asModel, (batch) => {
        failAt ??= batch.steps.some((step) => step.kind === 'SECURITY') ? batch.at : undefined;
        return batch.at === failAt;
      });
      const play = new PipelinedPlay(INPUT, services, () => undefined);
      await expect(play.play()).rejects.toThrow(/services down at/);
      expect([...services.inFlight.values()].every((n) => n === 0)).toBe(true);
    },
    PLAYS_A_DAY_MS,
  );
});

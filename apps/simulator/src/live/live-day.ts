import { performance } from 'node:perf_hooks';
import { AirportDay, type AirportDayInput, type AirportDayReport } from '../capacity/airport-day';
import { ModelDecider } from '../capacity/model-decider';
import type { ScenarioTarget } from '../replay/scenario-target';
import { DecisionLog, type CrossCheck } from './decision-log';
import type { DayEvent } from '../capacity/day-events';
import { PipelinedPlay } from './pipelined-play';
import { ServicesDecider, type OperatorChange, type ServiceFacts } from './services-decider';

export interface LiveDayOptions {
  /** N× real time; undefined: as fast as the services answer. */
  readonly speed?: number;
  /**
   * Follow outages that operators declare or clear on the services while the day runs: each
   * is seen before a second's steps, and the model applies it at that second too.
   */
  readonly watchOperators?: boolean;
  /**
   * Called after every second: the simulated instant and passengers through so far. The day
   * waits for a promise it returns (a test plays an operator there, between two seconds).
   */
  readonly progress?: (at: number, done: number, total: number) => void | Promise<void>;
  /**
   * Play the airport's queue sensors too: every simulated minute, each queue's length and the
   * wait of the first in line go to the operations service (the console's queue tiles).
   */
  readonly queueSensors?: boolean;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface LiveDayResult {
  /** The day as the services decided it, in the shape of `biogate simulate`'s report. */
  readonly report: AirportDayReport;
  /**
   * What only the services know, the messages they dead-lettered (there should be none), and the
   * templates each holder deleted once their retention after the day's departures had passed
   * (the gates' counts are the gallery entries staged for the day's flights).
   */
  readonly services: ServiceFacts & {
    readonly deadLetters: number;
    readonly templatesPurged: Readonly<Record<string, number>>;
  };
  readonly crossCheck: CrossCheck;
  /** Outages operators changed during the day, as the day saw them. */
  readonly operatorChanges: readonly OperatorChange[];
  readonly wallSeconds: number;
  readonly journeysPerSecond: number;
}

/** An airport's day as the services decided it, waiting for its cross-check. */
export interface ServicesDay {
  readonly input: AirportDayInput;
  /** The instant of the day's local midnight, where operators' changes are counted from. */
  readonly dayStart: number;
  readonly report: AirportDayReport;
  readonly services: LiveDayResult['services'];
  readonly operatorChanges: readonly OperatorChange[];
  readonly log: DecisionLog;
  readonly wallSeconds: number;
}

/**
 * The capacity model's day, every decision taken by the services at its simulated instant; then
 * the same day through the model alone, and the two compared decision by decision.
 */
export async function runLiveDay(
  input: AirportDayInput,
  target: ScenarioTarget,
  options: LiveDayOptions = {},
): Promise<LiveDayResult> {
  return crossChecked(await playThroughServices(input, target, options));
}

/**
 * The capacity model's day, every decision taken by the services at its simulated instant. Only
 * the report and the decisions are kept: the day's passengers and queues go when it ends.
 */
export async function playThroughServices(
  input: AirportDayInput,
  target: ScenarioTarget,
  options: LiveDayOptions = {},
): Promise<ServicesDay> {
  const started = performance.now();
  const deadLettersBefore = await target.deadLetters();
  const first = new AirportDay(input);
  const services = new ServicesDecider(
    target,
    first.population,
    input.policy.compiled.utcOffsetMinutes,
    options.watchOperators ?? false,
  );
  const log = new DecisionLog(first.population.total);
  // As fast as the services answer, on a clock per service: several seconds on their way at once.
  const pipelined =
    target.clockOf !== undefined &&
    options.speed === undefined &&
    options.watchOperators !== true &&
    options.queueSensors !== true;
  const day = pipelined
    ? await playPipelined(input, first, services, log, options)
    : await playInTurn(input, first, services, log, options, started);
  // The last steps' events delivered and applied too, so that the count holds every event the
  // day caused (the day settles only before a gate step that needs it).
  await target.settle();
  const deadLetters = (await target.deadLetters()) - deadLettersBefore;
  const wallSeconds = (performance.now() - started) / 1000;
  const templatesPurged = await purgedAfterRetention(target, day.dayStart);
  return {
    input,
    dayStart: day.dayStart,
    report: day.report(),
    services: { ...services.facts, deadLetters, templatesPurged },
    operatorChanges: services.operatorChanges,
    log,
    wallSeconds,
  };
}

/**
 * The templates the day left, purged by the services once their retention after the day's
 * departures has passed: at the next local midnight (which answers the retention the services
 * keep), then that much later. Their clocks move there; the day is over. Counted by holder.
 */
async function purgedAfterRetention(
  target: ScenarioTarget,
  dayStart: number,
): Promise<Record<string, number>> {
  const dayEnd = dayStart + DAY_MS;
  const atDayEnd = await target.purgeTemplates(dayEnd);
  const afterRetention = await target.purgeTemplates(dayEnd + atDayEnd.retentionHours * HOUR_MS);
  const purged: Record<string, number> = {};
  for (const report of [atDayEnd, afterRetention])
    for (const [holder, count] of Object.entries(report.deleted))
      purged[holder] = (purged[holder] ?? 0) + count;
  return purged;
}

/** Each second's steps decided before the next second is asked: watched, or paced. */
async function playInTurn(
  input: AirportDayInput,
  day: AirportDay,
  services: ServicesDecider,
  log: DecisionLog,
  options: LiveDayOptions,
  started: number,
): Promise<AirportDay> {
  let firstAt: number | undefined;
  let sensedMinute = -1;
  for (let batch = day.next(); batch !== undefined; batch = day.next()) {
    firstAt ??= batch.at;
    if (options.speed !== undefined) await keepPace(batch.at - firstAt, started, options.speed);
    const verdicts = await services.decide(batch);
    log.record(batch, verdicts);
    day.apply(batch, verdicts);
    const minute = Math.floor(batch.at / MINUTE_MS);
    if (options.queueSensors === true && minute > sensedMinute && batch.at >= day.dayStart) {
      sensedMinute = minute;
      await services.reportQueues(input.airport, day.queueReadings());
    }
    await options.progress?.(batch.at, day.passengersThrough, day.population.total);
  }
  return day;
}

/** The steps of several seconds on their way at once (`PipelinedPlay`). */
function playPipelined(
  input: AirportDayInput,
  day: AirportDay,
  services: ServicesDecider,
  log: DecisionLog,
  options: LiveDayOptions,
): Promise<AirportDay> {
  const passengers = day.population.total;
  const play: PipelinedPlay = new PipelinedPlay(
    input,
    services,
    (batch, verdicts) => {
      log.record(batch, verdicts);
      return options.progress?.(batch.at, play.passengersThrough, passengers);
    },
    day,
  );
  return play.play();
}

/**
 * The same day through the model alone, compared with the services' decision by decision. It
 * needs nothing of the services: `live` closes them first, so that the model's day does not
 * stand in memory beside their database.
 */
export function crossChecked(played: ServicesDay): LiveDayResult {
  const { input, dayStart, report, operatorChanges, wallSeconds } = played;
  // The model meets what operators changed at the second the services' day saw it, before the
  // day's own events of that second.
  const seen: DayEvent[] = operatorChanges.map(({ at, kind, outage }) => ({
    at: (at - dayStart) / 1000,
    kind,
    outage,
  }));
  const events = [...seen, ...(input.events ?? [])].sort((a, b) => a.at - b.at);
  const modelDay = new AirportDay(events.length === 0 ? input : { ...input, events });
  const model = new ModelDecider(input.policy, modelDay.population);
  const modelLog = new DecisionLog(modelDay.population.total);
  for (let batch = modelDay.next(); batch !== undefined; batch = modelDay.next()) {
    const verdicts = model.decide(batch);
    modelLog.record(batch, verdicts);
    modelDay.apply(batch, verdicts);
  }
  return {
    report,
    services: played.services,
    crossCheck: played.log.compareWith(modelLog),
    operatorChanges,
    wallSeconds,
    journeysPerSecond: report.passengers / Math.max(wallSeconds, 0.001),
  };
}

/** Waits until the wall clock has caught up with the simulated time at `speed`× real time. */
async function keepPace(simulatedMs: number, started: number, speed: number): Promise<void> {
  const due = started + simulatedMs / speed;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

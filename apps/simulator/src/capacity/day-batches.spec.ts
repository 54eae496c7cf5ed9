import { join } from 'node:path';
import { loadAirportRegistry, phasePolicyFor } from '@biogate/reference-data';
import { DecisionLog } from '../live/decision-log';
import { AirportDay, type AirportDayInput } from './airport-day';
import { loadCapacityParameters } from './capacity-parameters';
import { parseDayEvents } from './day-events';
import type { DayBatch, StepVerdict } from './journey-step';
import { ModelDecider } from './model-decider';

const policy = phasePolicyFor(loadAirportRegistry());
const parameters = loadCapacityParameters(
  join(__dirname, '../../../../seeds/capacity/parameters.yaml'),
);
const input: AirportDayInput = {
  airport: 'DAD',
  date: '2025-12-01',
  departures: 40,
  internationalShare: 0.2,
  seatsPerFlight: 180,
  loadFactor: 0.85,
  parameters,
  policy,
  seed: 'batches',
  departureWindow: { from: 7 * 3600, to: 9 * 3600 },
};

/** Plays a day with the model, letting `overrule` change a verdict; returns batches and log. */
function play(
  overrule: (batch: DayBatch, i: number, verdict: StepVerdict) => StepVerdict,
  dayInput: AirportDayInput = input,
) {
  const day = new AirportDay(dayInput);
  const model = new ModelDecider(policy, day.population);
  const log = new DecisionLog(day.population.total);
  const batches: DayBatch[] = [];
  const decided: (readonly StepVerdict[])[] = [];
  for (let batch = day.next(); batch !== undefined; batch = day.next()) {
    const verdicts = model.decide(batch).map((v, i) => overrule(batch, i, v));
    batches.push(batch);
    decided.push(verdicts);
    log.record(batch, verdicts);
    day.apply(batch, verdicts);
  }
  return { day, batches, decided, log, report: day.report() };
}

describe('an airport day in batches', () => {
  const { day, batches, log, report } = play((_, __, verdict) => verdict);
  const dayStart = Date.parse('2025-12-01T00:00:00+07:00');

  it('decides at whole seconds, in time order, each passenger at most once a batch', () => {
    let previous = -Infinity;
    for (const batch of batches) {
      expect(batch.at % 1000).toBe(0);
      expect(batch.at).toBeGreaterThanOrEqual(previous);
      previous = batch.at;
      const passengers = batch.steps.flatMap((s) =>
        s.kind === 'BOOKING' ? s.passengers : [s.passenger],
      );
      expect(new Set(passengers).size).toBe(passengers.length);
    }
  });

  it('books, then enrols, then checks in online before the day, a minute apart', () => {
    const before = batches.filter((b) => b.at < dayStart);
    expect(before.map((b) => [b.at - dayStart, b.steps[0]?.kind])).toEqual([
      [-180_000, 'BOOKING'],
      [-120_000, 'ENROLMENT'],
      [-60_000, 'CHECK_IN'],
    ]);
    const booked = before[0]?.steps.flatMap((s) => (s.kind === 'BOOKING' ? s.passengers : []));
    expect(booked).toHaveLength(day.population.total);
  });

  it('opens and closes boarding once a flight, and presents nobody at a closed gate', () => {
    const opens = batches.filter((b) => b.actions.some((a) => a.kind === 'OPEN_BOARDING'));
    expect(opens).toHaveLength(report.flights);
    const closes = batches.filter((b) => b.actions.some((a) => a.kind === 'CLOSE_BOARDING'));
    expect(closes).toHaveLength(report.flights);
    // Closing comes a second after the last second a passenger may still be presented.
    for (const flight of day.population.flights) {
      const closing = batches.find((b) =>
        b.actions.some(
          (a) => a.kind === 'CLOSE_BOARDING' && day.population.flights[a.flight] === flight,
        ),
      );
      expect(closing?.at).toBe(flight.departureAt - 15 * 60_000 + 1000);
      const presented = batches.filter((b) =>
        b.steps.some((s) => s.kind === 'BOARDING' && day.population.flight(s.passenger) === flight),
      );
      for (const batch of presented) {
        expect(batch.at).toBeGreaterThanOrEqual(flight.departureAt - 40 * 60_000);
        expect(batch.at).toBeLessThan(closing?.at ?? 0);
      }
    }
  });

  it('accounts for every passenger', () => {
    expect(report.boarded + report.missedFlights + report.refused).toBe(report.passengers);
    expect(day.passengersThrough).toBe(report.passengers);
  });

  it('changes only the route of the passenger whose answer differs', () => {
    // The first passenger allowed at an automated security lane is sent to the manual lane.
    let chosen: number | undefined;
    const changed = play((batch, i, verdict) => {
      const step = batch.steps[i];
      if (step?.kind !== 'SECURITY' || step.lane !== 'AUTOMATED' || verdict.outcome !== 'ALLOWED')
        return verdict;
      chosen ??= step.passenger;
      return step.passenger === chosen
        ? { outcome: 'REDIRECTED', reason: 'FACE_MISMATCH', redirectTo: 'MANUAL' }
        : verdict;
    });
    const check = changed.log.compareWith(log);
    expect(check.passengersDiffering).toBe(1);
    expect(check.differences[0]).toMatchObject({
      passenger: chosen,
      model: 'SECURITY AUTOMATED: ALLOWED OK',
      services: 'SECURITY AUTOMATED: REDIRECTED FACE_MISMATCH → MANUAL',
    });
    // Their journey goes on through the manual lane; one more decision than the model's.
    expect(check.decisions - check.identical).toBeGreaterThanOrEqual(2);
  });
});

describe('a what-if events file', () => {
  const events = parseDayEvents(
    ['events:', "  - { at: '06:30', declare: KIOSK }", "  - { at: '07:15:30', clear: KIOSK }"].join(
      '\n',
    ),
    'kiosks.yaml',
  );
  const declared = Date.parse('2025-12-01T06:30:00+07:00');
  const cleared = Date.parse('2025-12-01T07:15:30+07:00');
  const { batches, decided, report } = play((_, __, verdict) => verdict, { ...input, events });

  it('sends every kiosk check-in of the outage away, as R7 says, and none outside it', () => {
    let during = 0;
    batches.forEach((batch, b) => {
      batch.steps.forEach((step, i) => {
        if (step.kind !== 'CHECK_IN' || step.channel !== 'KIOSK') return;
        const verdict = decided[b]?.[i];
        if (batch.at >= declared && batch.at < cleared) {
          during++;
          expect(verdict).toMatchObject({ outcome: 'REDIRECTED', reason: 'KIOSK_OUTAGE' });
          expect(['BIOMETRIC', 'COUNTER']).toContain(verdict?.redirectTo);
        } else expect(verdict?.reason).not.toBe('KIOSK_OUTAGE');
      });
    });
    expect(during).toBeGreaterThan(10);
    // R5-R6: during the outage the counter no longer sends the bagless to the kiosks.
    batches.forEach((batch, b) => {
      if (batch.at < declared || batch.at >= cleared) return;
      batch.steps.forEach((step, i) => {
        if (step.kind === 'CHECK_IN') expect(decided[b]?.[i]?.redirectTo).not.toBe('KIOSK');
      });
    });
    expect(report.fallbacks['CHECK_IN counter: FALLBACK_SERVICE_CONTINUITY']).toBeGreaterThan(0);
  });

  it('refuses a malformed file with its line and what was expected', () => {
    expect(() => parseDayEvents('events:\n  - at: 7am\n    declare: KIOSK\n', 'bad.yaml')).toThrow(
      /bad\.yaml:2: events\[0\]\.at: expected a local time of the day/,
    );
    expect(() =>
      parseDayEvents('events:\n  - at: "07:00"\n    declare: PRINTER\n', 'bad.yaml'),
    ).toThrow(/bad\.yaml:3: events\[0\]\.declare: expected one of BIOMETRIC, KIOSK/);
    expect(() =>
      parseDayEvents(
        'events:\n  - at: "07:00"\n    declare: KIOSK\n    clear: KIOSK\n',
        'bad.yaml',
      ),
    ).toThrow(/bad\.yaml:2: events\[0\]: expected exactly one of declare/);
  });
});

describe('a gate opened late', () => {
  const planned = play((_, __, verdict) => verdict);
  const first = planned.day.population.flights[0]!;
  const name = `${first.carrier}${first.number}`;
  const plannedOpening = first.departureAt - 40 * 60_000;
  // Twenty minutes late: five minutes before the gate closes.
  const lateOpening = plannedOpening + 20 * 60_000;
  const local = new Date(lateOpening + 7 * 3_600_000).toISOString().slice(11, 19);
  const events = parseDayEvents(
    `events:\n  - { at: '${local}', openBoarding: ${name} }\n`,
    'late.yaml',
  );
  const late = play((_, __, verdict) => verdict, { ...input, events });
  // Each run has its own population: the first flight is flight 0 in both.
  const ofFirst = (run: typeof planned, s: DayBatch['steps'][number]) =>
    s.kind === 'BOARDING' && run.day.population.flightOf[s.passenger] === 0;
  const boardingOf = (run: typeof planned) =>
    run.batches.filter((b) => b.steps.some((s) => ofFirst(run, s)));

  it('opens that flight at the time the file says, and presents nobody there before', () => {
    const opening = late.batches.find((b) =>
      b.actions.some((a) => a.kind === 'OPEN_BOARDING' && a.flight === 0),
    );
    expect(opening?.at).toBe(lateOpening);
    expect(boardingOf(planned)[0]!.at).toBeLessThan(lateOpening);
    expect(boardingOf(late)[0]!.at).toBe(lateOpening);
  });

  it('leaves the other flights as they were, and queues the first one at its gate', () => {
    const openings = (run: typeof planned) =>
      run.batches.flatMap((b) =>
        b.actions.flatMap((a) =>
          a.kind === 'OPEN_BOARDING' && a.flight !== 0 ? [[a.flight, b.at]] : [],
        ),
      );
    expect(openings(late)).toEqual(openings(planned));
    // Everyone who reached the gate meanwhile waits for it: a bigger crowd when it opens.
    const crowd = (run: typeof planned) =>
      boardingOf(run)[0]!.steps.filter((s) => ofFirst(run, s)).length;
    expect(crowd(late)).toBeGreaterThan(crowd(planned));
    expect(late.report.missedFlights).toBeGreaterThanOrEqual(planned.report.missedFlights);
    expect(late.report.passengers).toBe(planned.report.passengers);
  });

  it.each([
    [
      "a departure the day doesn't have",
      "{ at: '07:00', openBoarding: VN999 }",
      /late\.yaml:2: events\[0\]\.openBoarding: VN999 is not a departure of this day \(VN100, /,
    ],
    [
      'an opening after the close',
      `{ at: '23:00', openBoarding: ${name} }`,
      /late\.yaml:2: events\[0\]\.openBoarding: boarding of .* closes at \d\d:\d\d; open it before/,
    ],
  ])('refuses %s, with the line', (_case, event, message) => {
    const bad = parseDayEvents(`events:\n  - ${event}\n`, 'late.yaml');
    expect(() => new AirportDay({ ...input, events: bad })).toThrow(message);
  });
});

import {
  parseLocalDate,
  SeededRandom,
  startOfCompactDate,
  type CheckInChannel,
  type Lane,
  type PassengerFacts,
  type Phase,
  type PhasePolicy,
  type PolicyDecision,
  type PolicyRequest,
  type Touchpoint,
} from '@biogate/domain';
import { sampler, ServiceDesk, Simulation, type DeskReport } from '@biogate/simulation';
import { distributionOf, type CapacityParameters } from './capacity-parameters';
import { generateSchedule, type ScheduledFlight } from './flight-schedule';

export interface AirportDayInput {
  readonly airport: string;
  readonly date: string;
  readonly departures: number;
  readonly internationalShare: number;
  readonly seatsPerFlight: number;
  readonly loadFactor: number;
  readonly parameters: CapacityParameters;
  readonly policy: PhasePolicy;
  /** Same seed, same passengers: phases are compared on the same day. */
  readonly seed: string;
  /** The day's real departures; generated from `departures` when absent. */
  readonly schedule?: readonly ScheduledFlight[];
}

export type LevelOfService = 'OPTIMUM' | 'SUB_OPTIMAL' | 'UNDER_PROVIDED';

export interface TouchpointReport extends DeskReport {
  readonly levelOfService: LevelOfService;
}

export interface AirportDayReport {
  readonly airport: string;
  readonly date: string;
  /** The phase in force at 12:00 local that day. */
  readonly phase: Phase;
  readonly flights: number;
  readonly passengers: number;
  readonly boarded: number;
  readonly missedFlights: number;
  readonly events: number;
  readonly touchpoints: readonly TouchpointReport[];
  /** Where passengers were served in the end. */
  readonly channels: {
    readonly checkIn: Readonly<Record<'ONLINE' | CheckInChannel, number>>;
    readonly security: Readonly<Record<Lane, number>>;
    readonly boarding: Readonly<Record<Lane, number>>;
  };
  /** Redirects by the policy, keyed "TOUCHPOINT FROM→TO REASON". */
  readonly redirects: Readonly<Record<string, number>>;
  /**
   * R9 counts of boarded passengers: tickets bought in the VNeID app; journeys whose check-in,
   * security and boarding were biometric inside the incentive window; and those that also bought
   * in VNeID (FULL_BIOMETRIC, counted apart). The purchase is taken to lie in the window when
   * the check-in does (project decision: the model has no purchase dates).
   */
  readonly biometricJourneys: {
    readonly vneidPurchases: number;
    readonly incentiveEligible: number;
    readonly fullBiometric: number;
  };
  /** Passengers served by a fallback, and why. */
  readonly fallbacks: Readonly<Record<string, number>>;
}

const BAG = 1;
const EID = 2;
const ENROLLED = 4;
const SPECIAL = 8;
const ONLINE = 16;
const INTERNATIONAL = 32;

// Biometric steps of a journey inside the incentive window, per passenger (R9).
const PURCHASED_IN_VNEID = 1;
const BIOMETRIC_CHECK_IN = 2;
const AUTOMATED_SECURITY = 4;
const ALL_FOUR_BUT_BOARDING = PURCHASED_IN_VNEID | BIOMETRIC_CHECK_IN | AUTOMATED_SECURITY;

/** One airport day: every passenger from the terminal door to the aircraft door. */
export function simulateAirportDay(input: AirportDayInput): AirportDayReport {
  const { parameters: p, policy } = input;
  const date = parseLocalDate(input.date);
  if (date === undefined) throw new Error(`not a date: ${input.date}`);
  const dayStart = startOfCompactDate(date, policy.compiled.utcOffsetMinutes);
  const scheduleRandom = new SeededRandom(`${input.seed}:schedule:${input.airport}`);
  const passengerRandom = new SeededRandom(`${input.seed}:passengers:${input.airport}`);
  const choiceRandom = new SeededRandom(`${input.seed}:choices:${input.airport}`);
  const serviceRandom = new SeededRandom(`${input.seed}:service:${input.airport}`);
  const flights =
    input.schedule ??
    generateSchedule(
      input.departures,
      input.internationalShare,
      input.seatsPerFlight,
      input.loadFactor,
      scheduleRandom,
    );

  const sim = new Simulation();
  const scale = input.departures / 100;
  const minimum = p.resourcesMinimum;
  const count = (perHundred: number, floor: number) =>
    Math.max(floor, Math.round(perHundred * scale));
  const r = p.resourcesPer100Departures;
  const time = (name: keyof CapacityParameters['service']) =>
    sampler(distributionOf(p.service[name]), serviceRandom);
  const desks = {
    counter: new ServiceDesk(
      sim,
      'check-in counters',
      count(r.counters, minimum.counters),
      time('counter'),
    ),
    kiosk: new ServiceDesk(sim, 'check-in kiosks', count(r.kiosks, minimum.kiosks), time('kiosk')),
    biometric: new ServiceDesk(
      sim,
      'biometric check-in',
      count(r.biometricKiosks, minimum.biometricKiosks),
      time('biometricCheckIn'),
    ),
    bagDrop: new ServiceDesk(sim, 'bag drop', count(r.bagDrop, minimum.bagDrop), time('bagDrop')),
    idManual: new ServiceDesk(
      sim,
      'security ID check (manual)',
      count(r.securityIdDesks, minimum.securityIdDesks),
      time('securityIdManual'),
    ),
    idEGate: new ServiceDesk(
      sim,
      'security e-gates',
      count(r.securityEGates, minimum.securityEGates),
      time('securityEGate'),
    ),
    screening: new ServiceDesk(
      sim,
      'screening lanes',
      count(r.screeningLanes, minimum.screeningLanes),
      time('screening'),
    ),
  };
  const boardingManualTime = time('boardingManual');
  const boardingEGateTime = time('boardingEGate');
  const gates = flights.map((_, i) => ({
    eGate: new ServiceDesk(sim, `gate ${i} e-gate`, p.boarding.eGatesPerFlight, boardingEGateTime),
    manual: new ServiceDesk(
      sim,
      `gate ${i} manual`,
      p.boarding.manualDesksPerFlight,
      boardingManualTime,
    ),
  }));

  // Passengers, in typed arrays: flight, traits.
  const total = flights.reduce((sum, f) => sum + f.passengers, 0);
  const flightOf = new Int32Array(total);
  const traits = new Uint8Array(total);
  const biometricSteps = new Uint8Array(total);
  // Its own stream, so that adding the purchase left every other draw of a seed as it was.
  const purchaseRandom = new SeededRandom(`${input.seed}:purchase:${input.airport}`);
  let vneidPurchases = 0;
  let incentiveEligible = 0;
  let fullBiometric = 0;
  const mix = p.passengerMix;
  let passenger = 0;
  const arrive = sim.on((entity) => {
    checkIn(entity);
  });
  flights.forEach((flight, f) => {
    const show = flight.international ? p.showUp.international : p.showUp.domestic;
    const showUp = sampler(
      { kind: 'triangular', min: show.min * 60, mode: show.mode * 60, max: show.max * 60 },
      passengerRandom,
    );
    for (let i = 0; i < flight.passengers; i++, passenger++) {
      flightOf[passenger] = f;
      let t = 0;
      if (passengerRandom.next() < mix.checkedBag) t |= BAG;
      if (passengerRandom.next() < mix.nationalEid) {
        t |= EID;
        if (passengerRandom.next() < mix.enrolled) t |= ENROLLED;
        if (mix.vneidPurchase > 0 && purchaseRandom.next() < mix.vneidPurchase) {
          biometricSteps[passenger] = PURCHASED_IN_VNEID;
          vneidPurchases++;
        }
      }
      if (passengerRandom.next() < mix.special) t |= SPECIAL;
      if (passengerRandom.next() < mix.onlineCheckIn) t |= ONLINE;
      if (flight.international) t |= INTERNATIONAL;
      traits[passenger] = t;
      sim.at(Math.max(0, flight.departure - showUp()), arrive, passenger);
    }
  });

  const channels = {
    checkIn: { ONLINE: 0, COUNTER: 0, KIOSK: 0, BIOMETRIC: 0 },
    security: { AUTOMATED: 0, MANUAL: 0 },
    boarding: { AUTOMATED: 0, MANUAL: 0 },
  };
  const redirects: Record<string, number> = {};
  const fallbacks: Record<string, number> = {};
  const bump = (table: Record<string, number>, key: string) => {
    table[key] = (table[key] ?? 0) + 1;
  };
  let boarded = 0;
  let missed = 0;

  // What the policy needs depends only on the trait bits: 64 combinations, built once.
  const factsByTraits: PassengerFacts[] = Array.from({ length: 64 }, (_, t) => ({
    document:
      t & EID
        ? { type: 'CITIZEN_ID_CARD', number: '079200000000' }
        : { type: 'PASSPORT', number: 'P0000000' },
    biometricEnrolled: (t & ENROLLED) !== 0,
    checkedBags: t & BAG ? 1 : 0,
    ssr: t & SPECIAL ? ['WCHR'] : [],
  }));
  const facts = (entity: number): PassengerFacts =>
    factsByTraits[traits[entity] as number] as PassengerFacts;
  /** One request per decision, built in place: this is the simulation's hot path. */
  const request = (entity: number, touchpoint: Touchpoint, point: string): PolicyRequest => {
    const at = dayStart + sim.now * 1000;
    const international = ((traits[entity] as number) & INTERNATIONAL) !== 0;
    const passenger = facts(entity);
    return touchpoint === 'CHECK_IN'
      ? {
          at,
          airport: input.airport,
          international,
          passenger,
          touchpoint,
          channel: point as CheckInChannel,
        }
      : { at, airport: input.airport, international, passenger, touchpoint, lane: point as Lane };
  };
  /** R9: whether the simulated instant lies in the incentive (BIOMETRIC_ENROLMENT) window. */
  const { enrolmentStartsAt, defaultStartsAt } = policy.compiled;
  const inWindow = () => {
    const at = dayStart + sim.now * 1000;
    return at >= enrolmentStartsAt && at < defaultStartsAt;
  };
  let settledDecision: PolicyDecision | undefined;
  /**
   * The policy decides; a redirect is followed, as a passenger sent elsewhere would. Returns
   * where the passenger is served (the decision in `settledDecision`), or undefined if refused.
   */
  const settle = <P extends string>(
    entity: number,
    touchpoint: Touchpoint,
    start: P,
  ): P | undefined => {
    let point = start;
    for (let hop = 0; hop < 4; hop++) {
      const decision = policy.evaluate(request(entity, touchpoint, point));
      if (decision.outcome === 'ALLOWED') {
        settledDecision = decision;
        return point;
      }
      if (decision.outcome === 'REJECTED' || decision.redirectTo === undefined) return undefined;
      bump(redirects, `${touchpoint} ${point}→${decision.redirectTo} ${decision.reason}`);
      point = decision.redirectTo as P;
    }
    return undefined;
  };

  const afterCheckIn = sim.on((entity) => {
    if ((traits[entity] as number) & BAG) desks.bagDrop.arrive(entity, toSecurity);
    else security(entity);
  });
  const afterCounter = sim.on((entity) => {
    security(entity); // the counter takes the bag
  });
  const toSecurity = sim.on((entity) => {
    security(entity);
  });
  const afterEGate = sim.on((entity) => {
    const u = choiceRandom.next();
    if (u < p.biometrics.presentationAttack) {
      bump(fallbacks, 'SECURITY e-gate → manual: PRESENTATION_ATTACK');
      desks.idManual.arrive(entity, afterIdCheck);
    } else if (u < p.biometrics.presentationAttack + p.biometrics.notMatched) {
      bump(fallbacks, 'SECURITY e-gate → manual: NOT_MATCHED');
      desks.idManual.arrive(entity, afterIdCheck);
    } else {
      if (inWindow())
        biometricSteps[entity] = (biometricSteps[entity] as number) | AUTOMATED_SECURITY;
      desks.screening.arrive(entity, toGate);
    }
  });
  const afterIdCheck = sim.on((entity) => {
    desks.screening.arrive(entity, toGate);
  });
  const toGate = sim.on((entity) => {
    atGate(entity);
  });
  const gateOpens = sim.on((entity) => {
    atGate(entity);
  });
  const boardedEGate = sim.on((entity) => {
    const u = choiceRandom.next();
    if (u < p.biometrics.notMatched + p.biometrics.presentationAttack) {
      bump(fallbacks, 'BOARDING e-gate → manual: NOT_MATCHED');
      (gates[flightOf[entity] as number] as { manual: ServiceDesk }).manual.arrive(
        entity,
        boardedManual,
      );
      return;
    }
    channels.boarding.AUTOMATED++;
    boarded++;
    if (!inWindow()) return;
    const steps = biometricSteps[entity] as number;
    if (
      (steps & (BIOMETRIC_CHECK_IN | AUTOMATED_SECURITY)) ===
      (BIOMETRIC_CHECK_IN | AUTOMATED_SECURITY)
    )
      incentiveEligible++;
    if (steps === ALL_FOUR_BUT_BOARDING) fullBiometric++;
  });
  const boardedManual = sim.on(() => {
    channels.boarding.MANUAL++;
    boarded++;
  });

  function checkIn(entity: number): void {
    const t = traits[entity] as number;
    if (t & ONLINE) {
      channels.checkIn.ONLINE++;
      if (t & BAG) desks.bagDrop.arrive(entity, toSecurity);
      else security(entity);
      return;
    }
    const wanted: CheckInChannel =
      t & ENROLLED && choiceRandom.next() < p.preferences.enrolledTryBiometric
        ? 'BIOMETRIC'
        : choiceRandom.next() < p.preferences.tryKiosk
          ? 'KIOSK'
          : 'COUNTER';
    const settled = settle(entity, 'CHECK_IN', wanted);
    if (!settled) {
      bump(fallbacks, 'CHECK_IN refused');
      return;
    }
    if (settledDecision?.reason === 'FALLBACK_SERVICE_CONTINUITY')
      bump(fallbacks, 'CHECK_IN counter: FALLBACK_SERVICE_CONTINUITY');
    channels.checkIn[settled]++;
    if (settled === 'BIOMETRIC' && inWindow())
      biometricSteps[entity] = (biometricSteps[entity] as number) | BIOMETRIC_CHECK_IN;
    if (settled === 'COUNTER') desks.counter.arrive(entity, afterCounter);
    else if (settled === 'KIOSK') desks.kiosk.arrive(entity, afterCheckIn);
    else desks.biometric.arrive(entity, afterCheckIn);
  }

  function security(entity: number): void {
    const wanted: Lane = (traits[entity] as number) & ENROLLED ? 'AUTOMATED' : 'MANUAL';
    const settled = settle(entity, 'SECURITY', wanted);
    if (!settled) return;
    channels.security[settled]++;
    if (settled === 'AUTOMATED') desks.idEGate.arrive(entity, afterEGate);
    else desks.idManual.arrive(entity, afterIdCheck);
  }

  function atGate(entity: number): void {
    const flight = flights[flightOf[entity] as number] as ScheduledFlight;
    const opens = flight.departure - p.boarding.opensMinutes * 60;
    const closes = flight.departure - p.boarding.closesMinutes * 60;
    if (sim.now > closes) {
      missed++;
      return;
    }
    if (sim.now < opens) {
      sim.at(opens, gateOpens, entity);
      return;
    }
    const wanted: Lane = (traits[entity] as number) & ENROLLED ? 'AUTOMATED' : 'MANUAL';
    const settled = settle(entity, 'BOARDING', wanted);
    if (!settled) return;
    const gate = gates[flightOf[entity] as number] as { eGate: ServiceDesk; manual: ServiceDesk };
    if (settled === 'AUTOMATED') gate.eGate.arrive(entity, boardedEGate);
    else gate.manual.arrive(entity, boardedManual);
  }

  sim.run();
  const end = Math.max(sim.now, 1);
  const band = (report: DeskReport): LevelOfService =>
    report.wait.p95 <= p.levelOfService.optimumMinutes * 60
      ? 'OPTIMUM'
      : report.wait.p95 <= p.levelOfService.subOptimalMinutes * 60
        ? 'SUB_OPTIMAL'
        : 'UNDER_PROVIDED';
  const withBand = (report: DeskReport): TouchpointReport => ({
    ...report,
    levelOfService: band(report),
  });
  const boardingWindow = (p.boarding.opensMinutes - p.boarding.closesMinutes) * 60;
  const boardingReport = (name: string, pick: (g: (typeof gates)[number]) => ServiceDesk) =>
    mergeGateReports(
      name,
      gates.map((g) => pick(g).report(end)),
      end,
      boardingWindow,
    );
  return {
    airport: input.airport,
    date: input.date,
    phase: policy.phaseAt(dayStart + 12 * 3_600_000),
    flights: flights.length,
    passengers: total,
    boarded,
    missedFlights: missed,
    events: sim.eventsProcessed,
    touchpoints: [
      ...Object.values(desks).map((desk) => withBand(desk.report(end))),
      withBand(boardingReport('boarding e-gates', (g) => g.eGate)),
      withBand(boardingReport('boarding manual gates', (g) => g.manual)),
    ],
    channels,
    redirects: sortKeys(redirects),
    fallbacks: sortKeys(fallbacks),
    biometricJourneys: { vneidPurchases, incentiveEligible, fullBiometric },
  };
}

/**
 * Per-flight gate desks summed into one touchpoint. Percentiles are those of the worst gate;
 * utilisation is measured over the boarding windows, when the gates are staffed.
 */
function mergeGateReports(
  name: string,
  reports: readonly DeskReport[],
  end: number,
  window: number,
): DeskReport {
  const busy = reports.reduce((s, r) => s + r.utilisation * end * r.servers, 0);
  const staffed = reports.reduce((s, r) => s + r.servers * window, 0);
  const served = reports.reduce((s, r) => s + r.served, 0);
  const hours = Math.max(0, ...reports.map((r) => r.startsPerHour.length));
  return {
    name,
    servers: reports.reduce((s, r) => s + r.servers, 0),
    served,
    wait: {
      mean: served === 0 ? 0 : reports.reduce((s, r) => s + r.wait.mean * r.served, 0) / served,
      p50: Math.max(0, ...reports.map((r) => r.wait.p50)),
      p95: Math.max(0, ...reports.map((r) => r.wait.p95)),
      max: Math.max(0, ...reports.map((r) => r.wait.max)),
    },
    queueLength: {
      mean: reports.reduce((s, r) => s + r.queueLength.mean, 0),
      max: Math.max(0, ...reports.map((r) => r.queueLength.max)),
    },
    utilisation: staffed === 0 ? 0 : busy / staffed,
    startsPerHour: Array.from({ length: hours }, (_, h) =>
      reports.reduce((s, r) => s + (r.startsPerHour[h] ?? 0), 0),
    ),
    maxQueuePerHour: Array.from({ length: hours }, (_, h) =>
      Math.max(0, ...reports.map((r) => r.maxQueuePerHour[h] ?? 0)),
    ),
  };
}

function sortKeys(table: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
}

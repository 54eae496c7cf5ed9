import {
  parseLocalDate,
  startOfCompactDate,
  type CheckInChannel,
  type Instant,
  type Lane,
  type Phase,
  type PhasePolicy,
} from '@biogate/domain';
import type { QueueName, QueueReading } from '@biogate/contracts';
import { minimumOf, sampler, ServiceDesk, Simulation, type DeskReport } from '@biogate/simulation';
import { distributionOf, type CapacityParameters } from './capacity-parameters';
import { DayPopulation, namedFlights, streamOf, TRAIT } from './day-population';
import { generateSchedule, type ScheduledFlight } from './flight-schedule';
import type { DayAction, DayBatch, JourneyStep, StepVerdict } from './journey-step';
import { CliInputError } from '../cli/cli-input-error';
import type { DayEvent } from './day-events';
import { ModelDecider } from './model-decider';

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
  /**
   * Only the departures in this part of the day, in seconds after local midnight (both ends
   * included): a short run of a big airport, staffed as for the whole day.
   */
  readonly departureWindow?: { readonly from: number; readonly to: number };
  /** What-ifs: outages declared and cleared at their second of the day. */
  readonly events?: readonly DayEvent[];
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
  /** Passengers stopped by a refusal (a booking, a check-in or a lane that turned them away). */
  readonly refused: number;
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

// Biometric steps of a journey inside the incentive window, per passenger (R9).
const PURCHASED_IN_VNEID = 1;
const BIOMETRIC_CHECK_IN = 2;
const AUTOMATED_SECURITY = 4;
const ALL_FOUR_BUT_BOARDING = PURCHASED_IN_VNEID | BIOMETRIC_CHECK_IN | AUTOMATED_SECURITY;

/** Touchpoints of a pending decision, per passenger. */
const CHECK_IN = 1;
const SECURITY = 2;
const BOARDING = 3;
const TOUCHPOINT_NAMES = ['', 'CHECK_IN', 'SECURITY', 'BOARDING'] as const;

/** A redirect is followed at most this many times at one touchpoint (the policy never loops). */
const MAX_HOPS = 4;

/** Before the day, a passenger's steps are a minute apart: booking, enrolment, online check-in. */
const PRE_DAY_STEP_SECONDS = 60;

/**
 * The desks whose service's end leads to a step: check-in's and the bag drop to security, the
 * screening lanes to the gate. (The ID check leads to screening; boarding to nothing.)
 */
const DESKS_BEFORE_A_STEP = [
  'counter',
  'kiosk',
  'biometricCheckIn',
  'bagDrop',
  'screening',
] as const;

/**
 * One airport day: every passenger from the ticket purchase to the aircraft door, as a
 * discrete-event simulation that stops wherever a decision is needed. Decisions are taken to the
 * second: every step reached during a second is decided at its end, together, by whoever answers
 * (the model's own rules, or the real services in the live day); the passengers then follow the
 * answers. Before the day: bookings, enrolments and online check-ins, a minute apart.
 */
export class AirportDay {
  readonly population: DayPopulation;
  readonly dayStart: Instant;
  /**
   * The fewest whole seconds between a decision and any step it can change, its own redirect
   * (asked again in the same second) apart: a verdict moves passengers into desks, and every
   * later step is asked when a desk's service ends (or, before the day, a minute later). So the
   * steps of the next `lookaheadSeconds` do not depend on a second's verdicts, which lets the
   * live day decide them while that second's answers are on their way. 0 when a service time
   * has no floor.
   */
  readonly lookaheadSeconds: number;
  private readonly sim: Simulation;
  private readonly input: AirportDayInput;
  private readonly desks: Record<
    'counter' | 'kiosk' | 'biometric' | 'bagDrop' | 'idManual' | 'idEGate' | 'screening',
    ServiceDesk
  >;
  private readonly gates: { eGate: ServiceDesk; manual: ServiceDesk }[];
  private readonly boardingOpensAt: Float64Array;
  private readonly arrival: Float64Array;
  private readonly wantsBiometric: Uint8Array;
  private readonly wantsKiosk: Uint8Array;
  private readonly biometricSteps: Uint8Array;
  private readonly checkedInOnline: Uint8Array;
  private readonly pendingTouchpoint: Uint8Array;
  private readonly pendingHop: Uint8Array;
  private readonly pendingPoint: string[];
  private readonly groupStart: number[] = [];
  private readonly groupSize: number[] = [];
  private readonly preDay: number;
  private readonly kinds: Record<
    | 'book'
    | 'enrol'
    | 'onlineCheckIn'
    | 'arrive'
    | 'decide'
    | 'open'
    | 'close'
    | 'whatIf'
    | 'afterCheckIn'
    | 'toSecurity'
    | 'afterIdCheck'
    | 'toGate'
    | 'gateOpens'
    | 'boarded',
    number
  >;
  private collecting: { steps: JourneyStep[]; actions: DayAction[] } = { steps: [], actions: [] };
  private readonly channels = {
    checkIn: { ONLINE: 0, COUNTER: 0, KIOSK: 0, BIOMETRIC: 0 },
    security: { AUTOMATED: 0, MANUAL: 0 },
    boarding: { AUTOMATED: 0, MANUAL: 0 },
  };
  private readonly redirects: Record<string, number> = {};
  private readonly fallbacks: Record<string, number> = {};
  private boarded = 0;
  private missed = 0;
  private refused = 0;
  private vneidPurchases = 0;
  private incentiveEligible = 0;
  private fullBiometric = 0;

  constructor(input: AirportDayInput) {
    this.input = input;
    const { parameters: p, policy } = input;
    const date = parseLocalDate(input.date);
    if (date === undefined) throw new Error(`not a date: ${input.date}`);
    this.dayStart = startOfCompactDate(date, policy.compiled.utcOffsetMinutes);
    const scheduleRandom = streamOf(input.seed, 'schedule', input.airport);
    const passengerRandom = streamOf(input.seed, 'passengers', input.airport);
    const choiceRandom = streamOf(input.seed, 'choices', input.airport);
    const serviceRandom = streamOf(input.seed, 'service', input.airport);
    // Its own stream, so that adding the purchase left every other draw of a seed as it was.
    const purchaseRandom = streamOf(input.seed, 'purchase', input.airport);
    const enrolmentRandom = streamOf(input.seed, 'enrolment', input.airport);
    const window = input.departureWindow;
    const schedule = (
      input.schedule ??
      generateSchedule(
        input.departures,
        input.internationalShare,
        input.seatsPerFlight,
        input.loadFactor,
        scheduleRandom,
      )
    ).filter(
      (f) => window === undefined || (f.departure >= window.from && f.departure <= window.to),
    );
    const flights = namedFlights(input.airport, input.date, this.dayStart, schedule);
    // When each flight's boarding opens: as planned, or when a what-if opens it.
    const openings = boardingOpenings(flights, input.events ?? [], p.boarding.closesMinutes);
    this.boardingOpensAt = Float64Array.from(
      flights,
      (f, i) => openings.get(i) ?? f.departure - p.boarding.opensMinutes * 60,
    );
    this.population = new DayPopulation(
      input.airport,
      airportNumber(policy, input.airport),
      Math.floor(date / 10_000),
      flights,
      input.seed,
    );
    const firstOpens = Math.min(0, ...this.boardingOpensAt);
    this.preDay = firstOpens - 3 * PRE_DAY_STEP_SECONDS;
    const sim = new Simulation(this.preDay);
    this.sim = sim;
    this.lookaheadSeconds = Math.floor(
      Math.min(
        PRE_DAY_STEP_SECONDS,
        ...DESKS_BEFORE_A_STEP.map((name) => minimumOf(distributionOf(p.service[name]))),
      ),
    );

    const scale = input.departures / 100;
    const minimum = p.resourcesMinimum;
    const count = (perHundred: number, floor: number) =>
      Math.max(floor, Math.round(perHundred * scale));
    const r = p.resourcesPer100Departures;
    const time = (name: keyof CapacityParameters['service']) =>
      sampler(distributionOf(p.service[name]), serviceRandom);
    const desk = (name: string, servers: number, service: keyof CapacityParameters['service']) =>
      new ServiceDesk(sim, name, servers, time(service));
    this.desks = {
      counter: desk('check-in counters', count(r.counters, minimum.counters), 'counter'),
      kiosk: desk('check-in kiosks', count(r.kiosks, minimum.kiosks), 'kiosk'),
      biometric: desk(
        'biometric check-in',
        count(r.biometricKiosks, minimum.biometricKiosks),
        'biometricCheckIn',
      ),
      bagDrop: desk('bag drop', count(r.bagDrop, minimum.bagDrop), 'bagDrop'),
      idManual: desk(
        'security ID check (manual)',
        count(r.securityIdDesks, minimum.securityIdDesks),
        'securityIdManual',
      ),
      idEGate: desk(
        'security e-gates',
        count(r.securityEGates, minimum.securityEGates),
        'securityEGate',
      ),
      screening: desk(
        'screening lanes',
        count(r.screeningLanes, minimum.screeningLanes),
        'screening',
      ),
    };
    const boardingManualTime = time('boardingManual');
    const boardingEGateTime = time('boardingEGate');
    this.gates = flights.map((_, i) => ({
      eGate: new ServiceDesk(
        sim,
        `gate ${i} e-gate`,
        p.boarding.eGatesPerFlight,
        boardingEGateTime,
      ),
      manual: new ServiceDesk(
        sim,
        `gate ${i} manual`,
        p.boarding.manualDesksPerFlight,
        boardingManualTime,
      ),
    }));

    const total = this.population.total;
    this.arrival = new Float64Array(total);
    this.wantsBiometric = new Uint8Array(total);
    this.wantsKiosk = new Uint8Array(total);
    this.biometricSteps = new Uint8Array(total);
    this.checkedInOnline = new Uint8Array(total);
    this.pendingTouchpoint = new Uint8Array(total);
    this.pendingHop = new Uint8Array(total);
    this.pendingPoint = new Array<string>(total).fill('');
    this.kinds = {
      book: sim.on((group) => {
        this.book(group);
      }),
      enrol: sim.on((passenger) => {
        this.enrol(passenger);
      }),
      onlineCheckIn: sim.on((passenger) => {
        this.ask(passenger, CHECK_IN, 'KIOSK', 0);
      }),
      arrive: sim.on((passenger) => {
        this.checkIn(passenger);
      }),
      decide: sim.on((passenger) => {
        this.collectDecision(passenger);
      }),
      open: sim.on((flight) => this.collecting.actions.push({ kind: 'OPEN_BOARDING', flight })),
      close: sim.on((flight) => this.collecting.actions.push({ kind: 'CLOSE_BOARDING', flight })),
      whatIf: sim.on((i) => {
        const event = input.events?.[i] as DayEvent;
        if (event.kind !== 'OPEN_BOARDING')
          this.collecting.actions.push({ kind: event.kind, outage: event.outage });
      }),
      afterCheckIn: sim.on((passenger) => {
        if (this.population.has(passenger, TRAIT.BAG))
          this.desks.bagDrop.arrive(passenger, this.kinds.toSecurity);
        else this.security(passenger);
      }),
      toSecurity: sim.on((passenger) => {
        this.security(passenger);
      }),
      afterIdCheck: sim.on((passenger) => {
        this.desks.screening.arrive(passenger, this.kinds.toGate);
      }),
      toGate: sim.on((passenger) => {
        this.atGate(passenger);
      }),
      gateOpens: sim.on((passenger) => {
        this.atGate(passenger);
      }),
      boarded: sim.on(() => this.boarded++),
    };

    input.events?.forEach((event, i) => {
      if (event.kind !== 'OPEN_BOARDING') sim.at(event.at, this.kinds.whatIf, i);
    });

    const mix = p.passengerMix;
    const traits = this.population.traits;
    let passenger = 0;
    flights.forEach((flight, f) => {
      const show = flight.international ? p.showUp.international : p.showUp.domestic;
      const showUp = sampler(
        { kind: 'triangular', min: show.min * 60, mode: show.mode * 60, max: show.max * 60 },
        passengerRandom,
      );
      const first = passenger;
      for (let i = 0; i < flight.passengers; i++, passenger++) {
        this.population.flightOf[passenger] = f;
        let t = 0;
        if (passengerRandom.next() < mix.checkedBag) t |= TRAIT.BAG;
        if (passengerRandom.next() < mix.nationalEid) {
          t |= TRAIT.EID;
          if (passengerRandom.next() < mix.enrolled) {
            t |= TRAIT.ENROLLED;
            if (enrolmentRandom.next() < mix.appEnrolment) t |= TRAIT.APP_ENROLMENT;
          }
          if (mix.vneidPurchase > 0 && purchaseRandom.next() < mix.vneidPurchase)
            t |= TRAIT.VNEID_PURCHASE;
        }
        if (passengerRandom.next() < mix.special) t |= TRAIT.SPECIAL;
        if (passengerRandom.next() < mix.onlineCheckIn) t |= TRAIT.ONLINE;
        if (flight.international) t |= TRAIT.INTERNATIONAL;
        traits[passenger] = t;
        this.arrival[passenger] = Math.max(0, flight.departure - showUp());
        // What the passenger would try first, before any rule: drawn now, so that one different
        // answer changes that passenger's route only.
        this.wantsBiometric[passenger] =
          t & TRAIT.ENROLLED && choiceRandom.next() < p.preferences.enrolledTryBiometric ? 1 : 0;
        this.wantsKiosk[passenger] = choiceRandom.next() < p.preferences.tryKiosk ? 1 : 0;
      }
      // Travellers book together: 1 to 3 passengers of the flight on one record locator.
      for (let q = first; q < passenger;) {
        const size = Math.min(1 + (q % 3), passenger - q);
        this.groupStart.push(q);
        this.groupSize.push(size);
        sim.at(this.preDay, this.kinds.book, this.groupStart.length - 1);
        q += size;
      }
      const closes = flight.departure - p.boarding.closesMinutes * 60;
      sim.at(this.boardingOpensAt[f] as number, this.kinds.open, f);
      // Closed after the last second in which a passenger can still be presented.
      sim.at(closes + 1, this.kinds.close, f);
    });
  }

  /**
   * Runs the day to the next second at which something must be decided or done, and returns it;
   * undefined when the day is over. Call `apply` with its verdicts before asking again.
   */
  next(): DayBatch | undefined {
    for (;;) {
      const t = this.sim.nextTime();
      if (t === undefined) return undefined;
      this.sim.run(t);
      const { steps, actions } = this.collecting;
      if (steps.length > 0 || actions.length > 0) {
        this.collecting = { steps: [], actions: [] };
        return { at: this.instant(), actions, steps };
      }
    }
  }

  /** Passengers whose day is over: boarded, missed their flight, or refused. */
  get passengersThrough(): number {
    return this.boarded + this.missed + this.refused;
  }

  /**
   * The queues now, as the airport's sensors would report them: how many wait at each touchpoint
   * and how long the first in line has waited (the worst of the flights' gates at boarding).
   */
  queueReadings(): QueueReading[] {
    const reading = (queue: QueueName, desks: readonly ServiceDesk[]): QueueReading => ({
      queue,
      length: desks.reduce((sum, desk) => sum + desk.queueLength, 0),
      waitSeconds: Math.round(Math.max(0, ...desks.map((desk) => desk.longestWait))),
    });
    const { counter, kiosk, biometric, bagDrop, idManual, idEGate, screening } = this.desks;
    return [
      reading('CHECK_IN_COUNTER', [counter]),
      reading('CHECK_IN_KIOSK', [kiosk]),
      reading('CHECK_IN_BIOMETRIC', [biometric]),
      reading('BAG_DROP', [bagDrop]),
      reading('SECURITY_ID_MANUAL', [idManual]),
      reading('SECURITY_EGATE', [idEGate]),
      reading('SECURITY_SCREENING', [screening]),
      reading(
        'BOARDING_EGATE',
        this.gates.map((gate) => gate.eGate),
      ),
      reading(
        'BOARDING_MANUAL',
        this.gates.map((gate) => gate.manual),
      ),
    ];
  }

  /** The answers to the batch `next` returned, one per step, in its order. */
  apply(batch: DayBatch, verdicts: readonly StepVerdict[]): void {
    if (verdicts.length !== batch.steps.length)
      throw new Error(`${verdicts.length} verdicts for ${batch.steps.length} steps`);
    batch.steps.forEach((step, i) => {
      const verdict = verdicts[i] as StepVerdict;
      if (step.kind === 'BOOKING') this.booked(step.passengers, verdict);
      else if (step.kind === 'ENROLMENT') this.enrolled(step.passenger, verdict);
      else this.decided(step.passenger, verdict);
    });
  }

  private instant(): Instant {
    return this.dayStart + this.sim.now * 1000;
  }

  private book(group: number): void {
    const first = this.groupStart[group] as number;
    const size = this.groupSize[group] as number;
    this.collecting.steps.push({
      kind: 'BOOKING',
      passengers: Array.from({ length: size }, (_, i) => first + i),
    });
  }

  private booked(passengers: readonly number[], verdict: StepVerdict): void {
    if (verdict.outcome !== 'ALLOWED') {
      bump(this.fallbacks, `BOOKING refused: ${verdict.reason}`);
      this.refused += passengers.length;
      return;
    }
    for (const p of passengers) {
      if (this.population.has(p, TRAIT.VNEID_PURCHASE)) {
        this.biometricSteps[p] = PURCHASED_IN_VNEID;
        this.vneidPurchases++;
      }
      if (this.population.has(p, TRAIT.ENROLLED))
        this.sim.at(this.preDay + PRE_DAY_STEP_SECONDS, this.kinds.enrol, p);
      if (this.population.has(p, TRAIT.ONLINE))
        this.sim.at(this.preDay + 2 * PRE_DAY_STEP_SECONDS, this.kinds.onlineCheckIn, p);
      this.sim.at(this.arrival[p] as number, this.kinds.arrive, p);
    }
  }

  private enrol(passenger: number): void {
    this.collecting.steps.push({
      kind: 'ENROLMENT',
      passenger,
      channel: this.population.has(passenger, TRAIT.APP_ENROLMENT) ? 'VNEID_APP' : 'COUNTER',
      capture: this.population.enrolmentCapture(passenger),
    });
  }

  private enrolled(passenger: number, verdict: StepVerdict): void {
    if (verdict.outcome !== 'ALLOWED') bump(this.fallbacks, `ENROLMENT refused: ${verdict.reason}`);
  }

  /** A passenger reaches a touchpoint: the decision is taken at the end of this second. */
  private ask(passenger: number, touchpoint: number, point: string, hop: number): void {
    this.pendingTouchpoint[passenger] = touchpoint;
    this.pendingPoint[passenger] = point;
    this.pendingHop[passenger] = hop;
    this.sim.at(Math.ceil(this.sim.now), this.kinds.decide, passenger);
  }

  private collectDecision(passenger: number): void {
    const touchpoint = this.pendingTouchpoint[passenger] as number;
    const point = this.pendingPoint[passenger] as string;
    const hop = this.pendingHop[passenger] as number;
    const biometric = point === 'BIOMETRIC' || point === 'AUTOMATED';
    const capture = biometric
      ? this.population.capture(
          passenger,
          TOUCHPOINT_NAMES[touchpoint] as string,
          hop,
          this.input.parameters.biometrics,
        )
      : undefined;
    const withCapture = capture === undefined ? {} : { capture };
    this.collecting.steps.push(
      touchpoint === CHECK_IN
        ? { kind: 'CHECK_IN', passenger, channel: point as CheckInChannel, ...withCapture }
        : {
            kind: touchpoint === SECURITY ? 'SECURITY' : 'BOARDING',
            passenger,
            lane: point as Lane,
            ...withCapture,
          },
    );
  }

  /** A check-in or lane decision: the passenger goes where it says. */
  private decided(passenger: number, verdict: StepVerdict): void {
    const touchpoint = this.pendingTouchpoint[passenger] as number;
    const point = this.pendingPoint[passenger] as string;
    const name = TOUCHPOINT_NAMES[touchpoint] as string;
    if (verdict.outcome === 'REDIRECTED' && verdict.redirectTo !== undefined) {
      bump(this.redirects, `${name} ${point}→${verdict.redirectTo} ${verdict.reason}`);
      if (verdict.reason === 'FACE_MISMATCH' || verdict.reason === 'LIVENESS_FAILED')
        bump(this.fallbacks, `${name} ${point} → ${verdict.redirectTo}: ${verdict.reason}`);
      const hop = (this.pendingHop[passenger] as number) + 1;
      if (hop < MAX_HOPS) {
        this.ask(passenger, touchpoint, verdict.redirectTo, hop);
        return;
      }
    }
    if (verdict.outcome !== 'ALLOWED') {
      bump(this.fallbacks, `${name} refused`);
      this.refused++;
      return;
    }
    if (touchpoint === CHECK_IN) this.checkedIn(passenger, point as CheckInChannel, verdict);
    else if (touchpoint === SECURITY) this.screened(passenger, point as Lane);
    else this.boarding(passenger, point as Lane);
  }

  private checkIn(passenger: number): void {
    if (this.checkedInOnline[passenger] === 1) {
      if (this.population.has(passenger, TRAIT.BAG))
        this.desks.bagDrop.arrive(passenger, this.kinds.toSecurity);
      else this.security(passenger);
      return;
    }
    const wanted: CheckInChannel =
      this.wantsBiometric[passenger] === 1
        ? 'BIOMETRIC'
        : this.wantsKiosk[passenger] === 1
          ? 'KIOSK'
          : 'COUNTER';
    this.ask(passenger, CHECK_IN, wanted, 0);
  }

  private checkedIn(passenger: number, channel: CheckInChannel, verdict: StepVerdict): void {
    if (this.sim.now < 0) {
      // Online, the evening before: the airline's web check-in, a self-service channel.
      this.checkedInOnline[passenger] = 1;
      this.channels.checkIn.ONLINE++;
      return;
    }
    if (verdict.reason === 'FALLBACK_SERVICE_CONTINUITY')
      bump(this.fallbacks, 'CHECK_IN counter: FALLBACK_SERVICE_CONTINUITY');
    this.channels.checkIn[channel]++;
    if (channel === 'BIOMETRIC' && this.inWindow()) this.mark(passenger, BIOMETRIC_CHECK_IN);
    // The counter takes the bag; kiosks and biometric check-in send it to the bag drop.
    if (channel === 'COUNTER') this.desks.counter.arrive(passenger, this.kinds.toSecurity);
    else if (channel === 'KIOSK') this.desks.kiosk.arrive(passenger, this.kinds.afterCheckIn);
    else this.desks.biometric.arrive(passenger, this.kinds.afterCheckIn);
  }

  private security(passenger: number): void {
    const wanted: Lane = this.population.has(passenger, TRAIT.ENROLLED) ? 'AUTOMATED' : 'MANUAL';
    this.ask(passenger, SECURITY, wanted, 0);
  }

  private screened(passenger: number, lane: Lane): void {
    this.channels.security[lane]++;
    if (lane === 'AUTOMATED') {
      if (this.inWindow()) this.mark(passenger, AUTOMATED_SECURITY);
      this.desks.idEGate.arrive(passenger, this.kinds.afterIdCheck);
    } else this.desks.idManual.arrive(passenger, this.kinds.afterIdCheck);
  }

  private atGate(passenger: number): void {
    const flight = this.population.flight(passenger);
    const opens = this.boardingOpensAt[this.population.flightOf[passenger] as number] as number;
    const closes = flight.departure - this.input.parameters.boarding.closesMinutes * 60;
    if (this.sim.now > closes) {
      this.missed++;
      return;
    }
    if (this.sim.now < opens) {
      this.sim.at(opens, this.kinds.gateOpens, passenger);
      return;
    }
    const wanted: Lane = this.population.has(passenger, TRAIT.ENROLLED) ? 'AUTOMATED' : 'MANUAL';
    this.ask(passenger, BOARDING, wanted, 0);
  }

  private boarding(passenger: number, lane: Lane): void {
    this.channels.boarding[lane]++;
    const gate = this.gates[this.population.flightOf[passenger] as number] as {
      eGate: ServiceDesk;
      manual: ServiceDesk;
    };
    if (lane === 'MANUAL') {
      gate.manual.arrive(passenger, this.kinds.boarded);
      return;
    }
    gate.eGate.arrive(passenger, this.kinds.boarded);
    if (!this.inWindow()) return;
    const steps = this.biometricSteps[passenger] as number;
    if (
      (steps & (BIOMETRIC_CHECK_IN | AUTOMATED_SECURITY)) ===
      (BIOMETRIC_CHECK_IN | AUTOMATED_SECURITY)
    )
      this.incentiveEligible++;
    if (steps === ALL_FOUR_BUT_BOARDING) this.fullBiometric++;
  }

  private mark(passenger: number, step: number): void {
    this.biometricSteps[passenger] = (this.biometricSteps[passenger] as number) | step;
  }

  /** R9: whether the simulated instant lies in the incentive (BIOMETRIC_ENROLMENT) window. */
  private inWindow(): boolean {
    const { enrolmentStartsAt, defaultStartsAt } = this.input.policy.compiled;
    const at = this.instant();
    return at >= enrolmentStartsAt && at < defaultStartsAt;
  }

  /** The day's figures, once `next` has returned undefined. */
  report(): AirportDayReport {
    const p = this.input.parameters;
    const end = Math.max(this.sim.now, 1);
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
    const boardingReport = (name: string, pick: (g: (typeof this.gates)[number]) => ServiceDesk) =>
      mergeGateReports(
        name,
        this.gates.map((g) => pick(g).report(end)),
        end,
        boardingWindow,
      );
    return {
      airport: this.input.airport,
      date: this.input.date,
      phase: this.input.policy.phaseAt(this.dayStart + 12 * 3_600_000),
      flights: this.population.flights.length,
      passengers: this.population.total,
      boarded: this.boarded,
      missedFlights: this.missed,
      refused: this.refused,
      events: this.sim.eventsProcessed,
      touchpoints: [
        ...Object.values(this.desks).map((desk) => withBand(desk.report(end))),
        withBand(boardingReport('boarding e-gates', (g) => g.eGate)),
        withBand(boardingReport('boarding manual gates', (g) => g.manual)),
      ],
      channels: this.channels,
      redirects: sortKeys(this.redirects),
      fallbacks: sortKeys(this.fallbacks),
      biometricJourneys: {
        vneidPurchases: this.vneidPurchases,
        incentiveEligible: this.incentiveEligible,
        fullBiometric: this.fullBiometric,
      },
    };
  }
}

/** One airport day decided by the model alone: the policy engine and the face model. */
export function simulateAirportDay(input: AirportDayInput): AirportDayReport {
  const day = new AirportDay(input);
  const decider = new ModelDecider(input.policy, day.population);
  for (let batch = day.next(); batch !== undefined; batch = day.next())
    day.apply(batch, decider.decide(batch));
  return day.report();
}

/**
 * Where a what-if opens a departure's boarding at another time than planned: by flight index.
 * A departure the day does not have, or an opening at or after the close, is an input error.
 */
function boardingOpenings(
  flights: readonly { carrier: string; number: string; departure: number }[],
  events: readonly DayEvent[],
  closesMinutes: number,
): Map<number, number> {
  const opens = new Map<number, number>();
  const names = flights.map((flight) => `${flight.carrier}${flight.number}`);
  const clock = (seconds: number) =>
    `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}`;
  for (const event of events) {
    if (event.kind !== 'OPEN_BOARDING') continue;
    const index = names.indexOf(event.flight);
    const flight = flights[index];
    if (flight === undefined) {
      throw new CliInputError([
        `${event.source}: ${event.flight} is not a departure of this day (${names.join(', ') || 'none'})`,
      ]);
    }
    const closes = flight.departure - closesMinutes * 60;
    if (event.at >= closes) {
      throw new CliInputError([
        `${event.source}: boarding of ${event.flight} closes at ${clock(closes)}; open it before`,
      ]);
    }
    opens.set(index, event.at);
  }
  return opens;
}

/** The airport's place among the policy's airports, in code order (999 for one it lacks). */
function airportNumber(policy: PhasePolicy, airport: string): number {
  const index = [...policy.compiled.airports.keys()].sort().indexOf(airport);
  return index === -1 ? 999 : index;
}

function bump(table: Record<string, number>, key: string): void {
  table[key] = (table[key] ?? 0) + 1;
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

import {
  formatInstantAtOffset,
  isOneOf,
  OUTAGES,
  type Instant,
  type Outage,
} from '@biogate/domain';
import { TRAIT, type DayFlight, type DayPopulation } from '../capacity/day-population';
import type { QueueReading } from '@biogate/contracts';
import type {
  AsyncStepDecider,
  DayBatch,
  DayAction,
  JourneyStep,
  StepVerdict,
} from '../capacity/journey-step';
import type { GateTouchpoint, ScenarioTarget, ServiceResponse } from '../replay/scenario-target';
import { GateSettles } from './gate-settles';

type BoardingChange = 'OPEN_BOARDING' | 'CLOSE_BOARDING';

function boardingFlightPath(kind: BoardingChange): string {
  return `/v1/boarding/flights/${kind === 'OPEN_BOARDING' ? 'open' : 'close'}`;
}

/** Requests in flight at once: a batch is one second of an airport, rarely more than this. */
const CONCURRENT_REQUESTS = 32;

/**
 * A list's bookings at most: its body stays under the services' 100 kB (a booked passenger is
 * about 250 bytes of JSON) however many passengers each booking has.
 */
const LISTED_PASSENGERS = 200;

/** Where each step is decided; the bookings of a second go to their flights' lists. */
const STEP_PATHS: Record<JourneyStep['kind'], string> = {
  BOOKING: '/v1/passenger-name-lists',
  ENROLMENT: '/v1/enrolments',
  CHECK_IN: '/v1/check-ins',
  SECURITY: '/v1/security/presentations',
  BOARDING: '/v1/boarding/presentations',
};

/** Bookings of one flight sent together: their steps' indexes and each one's passengers. */
interface PassengerNameList {
  readonly steps: number[];
  readonly bookings: (readonly number[])[];
  passengers: number;
}

/** An outage changed by someone else (an operator) while the day ran, seen at `at`. */
export interface OperatorChange {
  readonly at: Instant;
  readonly kind: 'DECLARE_OUTAGE' | 'CLEAR_OUTAGE';
  readonly outage: Outage;
}

/** What only the services know, counted from their answers. */
export interface ServiceFacts {
  /** Alerts raised at the gates, by kind (FACE_MISMATCH, PRESENTATION_ATTACK, ...). */
  readonly alerts: Record<string, number>;
  /** Requests answered with an HTTP error that is not a decision, by step and status. */
  readonly failures: Record<string, number>;
  readonly requests: number;
  readonly settles: number;
}

/**
 * The live day's decider: every step goes to the real services, over their HTTP API, at its
 * simulated instant (each request carries it, and moves the clock of the service it reaches). A
 * gate step waits until what it depends on (the passenger's check-in reaching the gates, their
 * security clearance reaching boarding) has settled towards that gate; settling is asked only
 * when such a write is newer than the gate's last settle, so most seconds go without it.
 *
 * Batches of different seconds may be decided at once (`PipelinedPlay`) when they move
 * different clocks (`clocksOf`): writes are therefore numbered as their answers arrive, and a
 * settle covers the writes answered before it began.
 */
export class ServicesDecider implements AsyncStepDecider {
  private readonly passengerIds: string[];
  private readonly boardingPasses: string[];
  /** Writes answered so far: a write's number is this count when its answer came. */
  private writes = 0;
  /**
   * Per passenger, the number of the last write check-in made for them (booking, enrolment,
   * check-in: both gates read it) and of the last the security gate made (only boarding reads
   * it; a redirect to another security lane reads the gate's own rows). 0: none.
   */
  private readonly lastCheckInWrite: Int32Array;
  private readonly lastSecurityWrite: Int32Array;
  private readonly settles: GateSettles;
  /** The gates learn of bookings (flights) and outage changes from events too. */
  private lastBooking = 0;
  private lastOutageChange = 0;
  private clock: Instant | undefined;
  private readonly alerts: Record<string, number> = {};
  private readonly failures: Record<string, number> = {};
  private requests = 0;
  /** The outages the services have as far as the day knows: its own changes, and those seen. */
  private outages: readonly Outage[] = [];
  private readonly changes: OperatorChange[] = [];

  constructor(
    private readonly target: ScenarioTarget,
    private readonly population: DayPopulation,
    private readonly utcOffsetMinutes: number,
    /** Read the airport's outages before each second, to follow what operators change. */
    private readonly watchOperators = false,
  ) {
    this.passengerIds = new Array<string>(population.total).fill('');
    this.boardingPasses = new Array<string>(population.total).fill('');
    this.lastCheckInWrite = new Int32Array(population.total);
    this.lastSecurityWrite = new Int32Array(population.total);
    this.settles = new GateSettles(
      (gates) => target.settle(gates),
      () => this.writes,
    );
  }

  get facts(): ServiceFacts {
    return {
      alerts: { ...this.alerts },
      failures: { ...this.failures },
      requests: this.requests,
      settles: this.settles.count,
    };
  }

  /** Outages operators changed during the day, at the second the day saw each. */
  get operatorChanges(): readonly OperatorChange[] {
    return [...this.changes];
  }

  /**
   * The clocks a batch moves, one per service it reaches that decides at its clock (the target
   * says which: distributed, only the boarding gate's; bookings, enrolments, check-ins and security
   * presentations are decided at the instant they carry); undefined where the target has one
   * clock for all (embedded), or for an outage declared or cleared, which changes what every
   * service decides and so is decided with nothing else on its way.
   */
  clocksOf(batch: DayBatch): readonly string[] | undefined {
    const target = this.target;
    if (target.clockOf === undefined) return undefined;
    if (batch.actions.some((action) => 'outage' in action)) return undefined;
    const paths = [
      ...batch.actions.map((action) => boardingFlightPath(action.kind as BoardingChange)),
      ...batch.steps.map((step) => STEP_PATHS[step.kind]),
    ];
    const clocks = new Set<string>();
    for (const path of paths) {
      const clock = target.clockOf(path);
      if (clock !== null) clocks.add(clock);
    }
    return [...clocks];
  }

  async decide(batch: DayBatch): Promise<readonly StepVerdict[]> {
    const { at } = batch;
    if (this.clock === undefined || at > this.clock) {
      // Before the await: batches decided at once must not move a follower's clock back.
      this.clock = at;
      await this.target.setClock(at);
    }
    if (this.watchOperators) await this.seeOperators(at);
    for (const action of batch.actions)
      if (action.kind !== 'CLOSE_BOARDING') await this.act(action, at);
    await this.settles.until(this.needs(batch));
    // A request each: a list of bookings on one flight, or a passenger's step.
    const verdicts = new Array<StepVerdict>(batch.steps.length);
    const requests: (() => Promise<void>)[] = [
      ...this.passengerNameLists(batch.steps).map((list) => async () => {
        const decided = await this.bookings(list.bookings, at);
        list.steps.forEach((index, i) => (verdicts[index] = decided[i] as StepVerdict));
      }),
      ...this.acrossFlights(batch.steps).map((index) => async () => {
        verdicts[index] = await this.step(
          batch.steps[index] as Exclude<JourneyStep, { kind: 'BOOKING' }>,
          at,
        );
      }),
    ];
    await inParallel(requests, CONCURRENT_REQUESTS, (request) => request());
    for (const action of batch.actions)
      if (action.kind === 'CLOSE_BOARDING') await this.act(action, at);
    return verdicts;
  }

  /**
   * The indexes of a batch's passenger steps (not its bookings), one flight's after another's in
   * turn: check-in issues a flight's boarding passes one at a time (their sequence numbers), so
   * the requests in flight together should be of different flights. Before the day a second
   * holds every enrolment or online check-in of the day, listed flight by flight. Each flight's
   * steps keep their order.
   */
  private acrossFlights(steps: readonly JourneyStep[]): number[] {
    const byFlight = new Map<DayFlight, number[]>();
    steps.forEach((step, index) => {
      if (step.kind === 'BOOKING') return;
      const flight = this.population.flight(step.passenger);
      const indexes = byFlight.get(flight);
      if (indexes === undefined) byFlight.set(flight, [index]);
      else indexes.push(index);
    });
    const lists = [...byFlight.values()];
    const longest = Math.max(0, ...lists.map((list) => list.length));
    const order: number[] = [];
    for (let turn = 0; turn < longest; turn++)
      for (const list of lists) if (turn < list.length) order.push(list[turn] as number);
    return order;
  }

  /**
   * The batch's steps go soon, and the writes they depend on have been answered: the settle they
   * need starts now, while the batches before them are on their way.
   */
  prepare(batch: DayBatch): void {
    // Its failure is the batch's, when it is sent and waits for this settle.
    this.settles.until(this.needs(batch)).catch(() => undefined);
  }

  /**
   * What operators changed since the last second: an outage declared or cleared on the services
   * but not by the day. The gates learn it from events, so the next gate step settles first.
   */
  private async seeOperators(at: Instant): Promise<void> {
    const response = await this.target.call(
      'GET',
      `/v1/airports/${this.population.airport}/outages`,
      undefined,
      at,
    );
    this.requests++;
    const listed = asRecord(response.body).outages;
    if (response.status !== 200 || !Array.isArray(listed)) {
      this.failed('OUTAGES', response);
      return;
    }
    const now = listed.filter((o): o is Outage => isOneOf(OUTAGES, o));
    for (const outage of OUTAGES) {
      const was = this.outages.includes(outage);
      const is = now.includes(outage);
      if (was !== is)
        this.changes.push({ at, kind: is ? 'DECLARE_OUTAGE' : 'CLEAR_OUTAGE', outage });
    }
    if (now.length !== this.outages.length || now.some((o) => !this.outages.includes(o)))
      this.lastOutageChange = ++this.writes;
    this.outages = now;
  }

  /**
   * Per gate the batch's steps (or, at the boarding gate, its boarding actions) go to, the last
   * write they may depend on: the passengers' own, a booking (the gates learn flights from
   * events), an outage change. A write a step depends on has been answered before the step is
   * sent: a passenger has one step per batch, and the live day sends a step only once the
   * batches it may depend on are answered.
   */
  private needs(batch: DayBatch): Map<GateTouchpoint, number> {
    const needs = new Map<GateTouchpoint, number>();
    const shared = Math.max(this.lastBooking, this.lastOutageChange);
    for (const step of batch.steps) {
      if (step.kind !== 'SECURITY' && step.kind !== 'BOARDING') continue;
      const p = step.passenger;
      const checkIn = this.lastCheckInWrite[p] as number;
      const own =
        step.kind === 'SECURITY' ? checkIn : Math.max(checkIn, this.lastSecurityWrite[p] as number);
      needs.set(step.kind, Math.max(needs.get(step.kind) ?? shared, own));
    }
    if (batch.actions.some((action) => !('outage' in action)))
      needs.set('BOARDING', Math.max(needs.get('BOARDING') ?? shared, shared));
    return needs;
  }

  /**
   * The batch's bookings as the airlines send them, a passenger name list a flight (split when
   * it is long): each list's bookings (their passengers) and the indexes of their steps.
   */
  private passengerNameLists(steps: readonly JourneyStep[]): PassengerNameList[] {
    const lists: PassengerNameList[] = [];
    const open = new Map<DayFlight, PassengerNameList>();
    steps.forEach((step, index) => {
      if (step.kind !== 'BOOKING') return;
      const flight = this.population.flight(step.passengers[0] as number);
      let list = open.get(flight);
      if (list === undefined || list.passengers + step.passengers.length > LISTED_PASSENGERS) {
        list = { steps: [], bookings: [], passengers: 0 };
        lists.push(list);
        open.set(flight, list);
      }
      list.steps.push(index);
      list.bookings.push(step.passengers);
      list.passengers += step.passengers.length;
    });
    return lists;
  }

  /** A passenger's own step (bookings go in their flight's list). */
  private async step(
    step: Exclude<JourneyStep, { kind: 'BOOKING' }>,
    at: Instant,
  ): Promise<StepVerdict> {
    switch (step.kind) {
      case 'ENROLMENT':
        return this.enrolment(step, at);
      case 'CHECK_IN':
        return this.checkIn(step, at);
      default:
        return this.presentation(step, at);
    }
  }

  /** Bookings on one flight, each a PNR's passengers, as the flight's passenger name list. */
  private async bookings(
    bookings: readonly (readonly number[])[],
    at: Instant,
  ): Promise<StepVerdict[]> {
    const flight = this.population.flight((bookings[0] as readonly number[])[0] as number);
    const response = await this.post(at, STEP_PATHS.BOOKING, {
      flight: {
        carrier: flight.carrier,
        number: flight.number,
        date: flight.date,
        origin: this.population.airport,
        destination: flight.destination,
        departureAt: this.local(flight.departureAt),
        international: flight.international,
      },
      bookings: bookings.map((passengers) => ({
        pnr: this.population.pnr(passengers[0] as number),
        passengers: passengers.map((p) => this.bookedPassenger(p)),
      })),
    });
    this.lastBooking = ++this.writes;
    const listed = asRecord(response.body).bookings;
    if (response.status !== 200 || !Array.isArray(listed))
      return bookings.map(() => this.failed('BOOKING', response));
    return bookings.map((passengers, i) => this.booked(passengers, asRecord(listed[i])));
  }

  /** A listed booking's outcome: its passengers' ids when booked, else why not. */
  private booked(passengers: readonly number[], outcome: Record<string, unknown>): StepVerdict {
    if (outcome.outcome === 'BOOKED') {
      const booked = Array.isArray(outcome.passengers) ? (outcome.passengers as unknown[]) : [];
      passengers.forEach((p, i) => {
        const id = asRecord(booked[i]).passengerId;
        if (typeof id === 'string') this.passengerIds[p] = id;
        this.lastCheckInWrite[p] = this.lastBooking;
      });
      return { outcome: 'ALLOWED', reason: 'OK' };
    }
    const refusals = Array.isArray(outcome.refusals) ? (outcome.refusals as unknown[]) : [];
    const reason = asRecord(refusals[0]).reason;
    if (outcome.outcome === 'REFUSED' && typeof reason === 'string')
      return { outcome: 'REJECTED', reason };
    // ALREADY_BOOKED: the services had this PNR before the day booked it.
    return this.failed('BOOKING', {
      status: 200,
      body: { message: `${String(outcome.outcome)} ${String(outcome.pnr)}` },
    });
  }

  private bookedPassenger(p: number) {
    const inApp = this.population.has(p, TRAIT.VNEID_PURCHASE);
    return {
      surname: this.population.surname(p),
      givenName: this.population.givenName(p),
      birthDate: this.population.birthDate(p),
      document: this.population.document(p),
      checkedBags: this.population.checkedBags(p),
      ssr: this.population.ssr(p),
      ...(inApp ? { purchaseChannel: 'VNEID_APP', identityConsent: true } : {}),
    };
  }

  private async enrolment(step: Extract<JourneyStep, { kind: 'ENROLMENT' }>, at: Instant) {
    const response = await this.post(at, STEP_PATHS.ENROLMENT, {
      passengerId: this.passengerIds[step.passenger],
      channel: step.channel,
      consent: true,
      capture: step.capture,
    });
    this.lastCheckInWrite[step.passenger] = ++this.writes;
    const body = asRecord(response.body);
    if (response.status < 300 && typeof body.reason === 'string') {
      return body.outcome === 'ENROLLED'
        ? { outcome: 'ALLOWED' as const, reason: body.reason }
        : { outcome: 'REJECTED' as const, reason: body.reason };
    }
    return this.failed('ENROLMENT', response);
  }

  private async checkIn(
    step: Extract<JourneyStep, { kind: 'CHECK_IN' }>,
    at: Instant,
  ): Promise<StepVerdict> {
    const response = await this.post(at, STEP_PATHS.CHECK_IN, {
      passengerId: this.passengerIds[step.passenger],
      channel: step.channel,
      ...(step.capture === undefined ? {} : { capture: step.capture }),
    });
    this.lastCheckInWrite[step.passenger] = ++this.writes;
    const body = asRecord(response.body);
    const bcbp = asRecord(body.boardingPass).bcbp;
    if (typeof bcbp === 'string') this.boardingPasses[step.passenger] = bcbp;
    return this.decision('CHECK_IN', response);
  }

  private async presentation(
    step: Extract<JourneyStep, { kind: 'SECURITY' | 'BOARDING' }>,
    at: Instant,
  ): Promise<StepVerdict> {
    const p = step.passenger;
    const security = step.kind === 'SECURITY';
    const response = await this.post(at, STEP_PATHS[step.kind], {
      airport: this.population.airport,
      ...(security ? {} : { gate: this.population.flight(p).gate }),
      lane: step.lane,
      boardingPass: this.boardingPasses[p],
      document: this.population.document(p),
      ...(step.capture === undefined ? {} : { capture: step.capture }),
    });
    if (security) this.lastSecurityWrite[p] = ++this.writes;
    const kind = asRecord(asRecord(response.body).alert).kind;
    if (typeof kind === 'string') this.alerts[kind] = (this.alerts[kind] ?? 0) + 1;
    return this.decision(step.kind, response);
  }

  private async act(action: DayAction, at: Instant): Promise<void> {
    if ('outage' in action) {
      const response = await this.target.call(
        action.kind === 'DECLARE_OUTAGE' ? 'PUT' : 'DELETE',
        `/v1/airports/${this.population.airport}/outages/${action.outage}`,
        undefined,
        at,
      );
      this.requests++;
      this.lastOutageChange = ++this.writes;
      if (response.status >= 300) this.failed(action.kind, response);
      else
        this.outages =
          action.kind === 'DECLARE_OUTAGE'
            ? [...this.outages.filter((o) => o !== action.outage), action.outage]
            : this.outages.filter((o) => o !== action.outage);
      return;
    }
    const flight = this.population.flights[action.flight] as DayFlight;
    const opening = action.kind === 'OPEN_BOARDING';
    const response = await this.post(at, boardingFlightPath(action.kind), {
      airport: this.population.airport,
      carrier: flight.carrier,
      number: flight.number,
      date: flight.date,
      ...(opening ? { gate: flight.gate } : {}),
    });
    if (response.status >= 300) this.failed(action.kind, response);
  }

  /** A touchpoint's answer: its decision, or FAILED with the HTTP status when there is none. */
  private decision(what: string, response: ServiceResponse): StepVerdict {
    const decision = asRecord(asRecord(response.body).decision);
    const { outcome, reason, redirectTo } = decision;
    if (response.status >= 300 || typeof outcome !== 'string' || typeof reason !== 'string')
      return this.failed(what, response);
    return typeof redirectTo === 'string'
      ? ({ outcome, reason, redirectTo } as StepVerdict)
      : ({ outcome, reason } as StepVerdict);
  }

  /**
   * The queues as the airport's sensors see them, for the operators' console. Not a decision, so
   * not among the requests the report counts (a target without the operations service has none);
   * a refusal is a failure like any other.
   */
  async reportQueues(airport: string, readings: readonly QueueReading[]): Promise<void> {
    const response = await this.target.call('POST', `/v1/operations/airports/${airport}/queues`, {
      readings,
    });
    if (response.status !== 202) this.failed('QUEUES', response);
  }

  private failed(what: string, response: ServiceResponse): StepVerdict {
    const key = `${what} HTTP ${response.status}`;
    this.failures[key] = (this.failures[key] ?? 0) + 1;
    const message = asRecord(response.body).message;
    return {
      outcome: 'FAILED',
      reason: `HTTP ${response.status}${typeof message === 'string' ? `: ${message}` : ''}`,
    };
  }

  private post(at: Instant, path: string, body: unknown): Promise<ServiceResponse> {
    this.requests++;
    return this.target.call('POST', path, body, at);
  }

  private local(at: Instant): string {
    return formatInstantAtOffset(at, this.utcOffsetMinutes);
  }
}

async function inParallel<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

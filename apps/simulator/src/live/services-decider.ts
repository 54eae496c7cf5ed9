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

const GATES: readonly GateTouchpoint[] = ['SECURITY', 'BOARDING'];

/** Requests in flight at once: a batch is one second of an airport, rarely more than this. */
const CONCURRENT_REQUESTS = 32;

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
 * simulated instant (the services' QA clock is moved to the batch's second first). A gate step
 * waits until what it depends on (the passenger's check-in reaching the gates, their security
 * clearance reaching boarding) has settled towards that gate; settling is asked only when such a
 * write is newer than the gate's last settle, so most seconds go without it.
 */
export class ServicesDecider implements AsyncStepDecider {
  private readonly passengerIds: string[];
  private readonly boardingPasses: string[];
  /** The batch number of the last write a gate may depend on, per passenger. */
  private readonly lastWrite: Int32Array;
  private batchNumber = 0;
  /**
   * Per gate, how far the writes have been settled towards it: a settle runs after a batch's
   * actions and before its steps, so it covers the steps of the batches before and the actions
   * of its own.
   */
  private readonly settled: Record<GateTouchpoint, { steps: number; actions: number }> = {
    SECURITY: { steps: -1, actions: -1 },
    BOARDING: { steps: -1, actions: -1 },
  };
  /** The gates learn of bookings (flights) and outage changes from events too. */
  private lastBooking = -1;
  private lastOutageChange = -1;
  private clock: Instant | undefined;
  private readonly alerts: Record<string, number> = {};
  private readonly failures: Record<string, number> = {};
  private requests = 0;
  private settles = 0;
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
    this.lastWrite = new Int32Array(population.total).fill(-1);
  }

  get facts(): ServiceFacts {
    return {
      alerts: { ...this.alerts },
      failures: { ...this.failures },
      requests: this.requests,
      settles: this.settles,
    };
  }

  /** Outages operators changed during the day, at the second the day saw each. */
  get operatorChanges(): readonly OperatorChange[] {
    return [...this.changes];
  }

  async decide(batch: DayBatch): Promise<readonly StepVerdict[]> {
    this.batchNumber++;
    if (this.clock !== batch.at) {
      await this.target.setClock(batch.at);
      this.clock = batch.at;
    }
    if (this.watchOperators) await this.seeOperators(batch.at);
    for (const action of batch.actions)
      if (action.kind !== 'CLOSE_BOARDING') await this.act(action);
    const gates = GATES.filter((gate) => this.needsSettling(batch, gate));
    if (gates.length > 0) {
      await this.target.settle(gates);
      this.settles++;
      for (const gate of gates)
        this.settled[gate] = { steps: this.batchNumber - 1, actions: this.batchNumber };
    }
    const verdicts = await inParallel(batch.steps, CONCURRENT_REQUESTS, (step) => this.step(step));
    for (const action of batch.actions)
      if (action.kind === 'CLOSE_BOARDING') await this.act(action);
    return verdicts;
  }

  /**
   * What operators changed since the last second: an outage declared or cleared on the services
   * but not by the day. The gates learn it from events, so the next gate step settles first.
   */
  private async seeOperators(at: Instant): Promise<void> {
    const response = await this.target.call(
      'GET',
      `/v1/airports/${this.population.airport}/outages`,
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
      this.lastOutageChange = this.batchNumber;
    this.outages = now;
  }

  /**
   * Whether this batch's steps at `gate`, or its boarding actions (at the boarding gate), depend
   * on a write the gate may not have applied yet. Writes of this batch's own steps are never
   * needed by its gate steps: a passenger has one step per batch.
   */
  private needsSettling(batch: DayBatch, gate: GateTouchpoint): boolean {
    const steps = batch.steps.filter(
      (step): step is Extract<JourneyStep, { kind: GateTouchpoint }> => step.kind === gate,
    );
    const acts = gate === 'BOARDING' && batch.actions.some((action) => !('outage' in action));
    if (steps.length === 0 && !acts) return false;
    const settled = this.settled[gate];
    if (this.lastBooking > settled.steps) return true;
    if (this.lastOutageChange > settled.actions) return true;
    return steps.some((step) => (this.lastWrite[step.passenger] as number) > settled.steps);
  }

  private async step(step: JourneyStep): Promise<StepVerdict> {
    switch (step.kind) {
      case 'BOOKING':
        return this.booking(step.passengers);
      case 'ENROLMENT':
        return this.enrolment(step);
      case 'CHECK_IN':
        return this.checkIn(step);
      default:
        return this.presentation(step);
    }
  }

  private async booking(passengers: readonly number[]): Promise<StepVerdict> {
    const first = passengers[0] as number;
    const flight = this.population.flight(first);
    const response = await this.post('/v1/bookings', {
      pnr: this.population.pnr(first),
      flight: {
        carrier: flight.carrier,
        number: flight.number,
        date: flight.date,
        origin: this.population.airport,
        destination: flight.destination,
        departureAt: this.local(flight.departureAt),
        international: flight.international,
      },
      passengers: passengers.map((p) => this.bookedPassenger(p)),
    });
    this.lastBooking = this.batchNumber;
    const body = asRecord(response.body);
    if (response.status === 201) {
      const booked = Array.isArray(body.passengers) ? (body.passengers as unknown[]) : [];
      passengers.forEach((p, i) => {
        const id = asRecord(booked[i]).passengerId;
        if (typeof id === 'string') this.passengerIds[p] = id;
        this.lastWrite[p] = this.batchNumber;
      });
      return { outcome: 'ALLOWED', reason: 'OK' };
    }
    const refusals = Array.isArray(body.refusals) ? (body.refusals as unknown[]) : [];
    const reason = asRecord(refusals[0]).reason;
    if (response.status === 200 && typeof reason === 'string')
      return { outcome: 'REJECTED', reason };
    return this.failed('BOOKING', response);
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

  private async enrolment(step: Extract<JourneyStep, { kind: 'ENROLMENT' }>) {
    const response = await this.post('/v1/enrolments', {
      passengerId: this.passengerIds[step.passenger],
      channel: step.channel,
      consent: true,
      capture: step.capture,
    });
    this.lastWrite[step.passenger] = this.batchNumber;
    const body = asRecord(response.body);
    if (response.status < 300 && typeof body.reason === 'string') {
      return body.outcome === 'ENROLLED'
        ? { outcome: 'ALLOWED' as const, reason: body.reason }
        : { outcome: 'REJECTED' as const, reason: body.reason };
    }
    return this.failed('ENROLMENT', response);
  }

  private async checkIn(step: Extract<JourneyStep, { kind: 'CHECK_IN' }>): Promise<StepVerdict> {
    const response = await this.post('/v1/check-ins', {
      passengerId: this.passengerIds[step.passenger],
      channel: step.channel,
      ...(step.capture === undefined ? {} : { capture: step.capture }),
    });
    this.lastWrite[step.passenger] = this.batchNumber;
    const body = asRecord(response.body);
    const bcbp = asRecord(body.boardingPass).bcbp;
    if (typeof bcbp === 'string') this.boardingPasses[step.passenger] = bcbp;
    return this.decision('CHECK_IN', response);
  }

  private async presentation(
    step: Extract<JourneyStep, { kind: 'SECURITY' | 'BOARDING' }>,
  ): Promise<StepVerdict> {
    const p = step.passenger;
    const security = step.kind === 'SECURITY';
    const response = await this.post(
      security ? '/v1/security/presentations' : '/v1/boarding/presentations',
      {
        airport: this.population.airport,
        ...(security ? {} : { gate: this.population.flight(p).gate }),
        lane: step.lane,
        boardingPass: this.boardingPasses[p],
        document: this.population.document(p),
        ...(step.capture === undefined ? {} : { capture: step.capture }),
      },
    );
    if (security) this.lastWrite[p] = this.batchNumber;
    const kind = asRecord(asRecord(response.body).alert).kind;
    if (typeof kind === 'string') this.alerts[kind] = (this.alerts[kind] ?? 0) + 1;
    return this.decision(step.kind, response);
  }

  private async act(action: DayAction): Promise<void> {
    if ('outage' in action) {
      const response = await this.target.call(
        action.kind === 'DECLARE_OUTAGE' ? 'PUT' : 'DELETE',
        `/v1/airports/${this.population.airport}/outages/${action.outage}`,
      );
      this.requests++;
      this.lastOutageChange = this.batchNumber;
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
    const response = await this.post(`/v1/boarding/flights/${opening ? 'open' : 'close'}`, {
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

  private post(path: string, body: unknown): Promise<ServiceResponse> {
    this.requests++;
    return this.target.call('POST', path, body);
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

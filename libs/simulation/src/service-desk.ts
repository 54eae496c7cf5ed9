import { FloatQueue, GrowableFloat64, IntQueue } from './growable';
import type { Sampler } from './distributions';
import type { Simulation } from './simulation';

const HOUR = 3600;

export interface DeskReport {
  readonly name: string;
  readonly servers: number;
  readonly served: number;
  /** Seconds spent queueing before service. */
  readonly wait: {
    readonly mean: number;
    readonly p50: number;
    readonly p95: number;
    readonly max: number;
  };
  readonly queueLength: { readonly mean: number; readonly max: number };
  /** Share of server time busy over the observed span. */
  readonly utilisation: number;
  /** Service starts per hour of the day (index = hour since time 0). */
  readonly startsPerHour: readonly number[];
  /** The longest queue in each hour of the day. */
  readonly maxQueuePerHour: readonly number[];
}

/**
 * A touchpoint with `servers` identical servers and one FIFO queue (counters, kiosks, e-gates,
 * lanes). Entities are integers; when an entity's service ends, the desk schedules the event
 * kind it was given on arrival. Statistics are exact: every wait is kept for percentiles, and
 * queue length and busy servers are integrated over time.
 */
export class ServiceDesk {
  private busy = 0;
  // Waiting: entity, the event to schedule after service, and when it arrived (parallel FIFOs).
  private readonly waitingEntity = new IntQueue();
  private readonly waitingThen = new IntQueue();
  private readonly waitingSince = new FloatQueue();
  // In service: one slot per server; the completion event carries the slot number.
  private readonly slotEntity: Int32Array;
  private readonly slotThen: Int32Array;
  private readonly freeSlots: Int32Array;
  private freeCount: number;
  private readonly waits = new GrowableFloat64();
  private readonly hourly: number[] = [];
  private readonly queuePeaks: number[] = [];
  private lastChange = 0;
  private queueArea = 0;
  private busyArea = 0;
  private maxQueue = 0;
  private readonly completion: number;

  constructor(
    private readonly sim: Simulation,
    readonly name: string,
    readonly servers: number,
    private readonly serviceTime: Sampler,
  ) {
    if (!Number.isInteger(servers) || servers < 0)
      throw new Error(`${name}: servers must be a whole number >= 0`);
    this.slotEntity = new Int32Array(servers);
    this.slotThen = new Int32Array(servers);
    this.freeSlots = new Int32Array(servers);
    for (let i = 0; i < servers; i++) this.freeSlots[i] = servers - 1 - i;
    this.freeCount = servers;
    this.completion = sim.on((slot) => {
      this.complete(slot);
    });
  }

  get queueLength(): number {
    return this.waitingEntity.length;
  }

  /** How long the first in line has waited so far (0 for nobody): what a queue sensor shows. */
  get longestWait(): number {
    const since = this.waitingSince.peek();
    return since === undefined ? 0 : this.sim.now - since;
  }

  /** An entity joins the desk; `then` is scheduled with the entity when its service ends. */
  arrive(entity: number, then: number): void {
    this.account();
    if (this.busy < this.servers) {
      this.start(entity, then, this.sim.now);
    } else {
      this.waitingEntity.push(entity);
      this.waitingThen.push(then);
      this.waitingSince.push(this.sim.now);
      const length = this.waitingEntity.length;
      if (length > this.maxQueue) this.maxQueue = length;
      const hour = Math.floor(this.sim.now / HOUR);
      while (this.queuePeaks.length <= hour) this.queuePeaks.push(0);
      if (length > (this.queuePeaks[hour] as number)) this.queuePeaks[hour] = length;
    }
  }

  report(until: number = this.sim.now): DeskReport {
    this.account(until);
    const sorted = this.waits.sorted();
    const n = sorted.length;
    const at = (q: number) =>
      n === 0 ? 0 : (sorted[Math.min(n - 1, Math.floor(q * n))] as number);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i] as number;
    return {
      name: this.name,
      servers: this.servers,
      served: n,
      wait: {
        mean: n === 0 ? 0 : sum / n,
        p50: at(0.5),
        p95: at(0.95),
        max: n === 0 ? 0 : (sorted[n - 1] as number),
      },
      queueLength: { mean: until > 0 ? this.queueArea / until : 0, max: this.maxQueue },
      utilisation: until > 0 && this.servers > 0 ? this.busyArea / (until * this.servers) : 0,
      startsPerHour: [...this.hourly],
      maxQueuePerHour: [...this.queuePeaks],
    };
  }

  private start(entity: number, then: number, arrivedAt: number): void {
    this.busy++;
    const slot = this.freeSlots[--this.freeCount] as number;
    this.slotEntity[slot] = entity;
    this.slotThen[slot] = then;
    this.waits.push(this.sim.now - arrivedAt);
    const hour = Math.floor(this.sim.now / HOUR);
    while (this.hourly.length <= hour) this.hourly.push(0);
    this.hourly[hour] = (this.hourly[hour] as number) + 1;
    this.sim.after(this.serviceTime(), this.completion, slot);
  }

  private complete(slot: number): void {
    this.account();
    this.busy--;
    this.freeSlots[this.freeCount++] = slot;
    this.sim.at(this.sim.now, this.slotThen[slot] as number, this.slotEntity[slot]);
    if (this.waitingEntity.length > 0) {
      this.start(this.waitingEntity.shift(), this.waitingThen.shift(), this.waitingSince.shift());
    }
  }

  /** Integrates queue length and busy servers up to now. */
  private account(now: number = this.sim.now): void {
    const span = now - this.lastChange;
    if (span > 0) {
      this.queueArea += this.waitingEntity.length * span;
      this.busyArea += this.busy * span;
      this.lastChange = now;
    }
  }
}

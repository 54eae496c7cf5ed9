import { EventQueue } from './event-queue';

/** What happens at an event: synchronous, it may schedule more events. */
export type EventHandler = (payload: number) => void;

/**
 * A discrete-event simulation kernel: a clock in seconds, a future event list, and handlers
 * registered once and referred to by number. No Promises in the loop.
 */
export class Simulation {
  private clock: number;
  private readonly queue = new EventQueue(4096);
  private readonly handlers: EventHandler[] = [];
  private processed = 0;

  /** `start` may be negative: what happens before time 0 (the day before, say). */
  constructor(start = 0) {
    this.clock = start;
  }

  get now(): number {
    return this.clock;
  }

  get eventsProcessed(): number {
    return this.processed;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** When the next event is due, or undefined when none is left. */
  nextTime(): number | undefined {
    return this.queue.length > 0 ? this.queue.peekTime() : undefined;
  }

  /** Registers a handler; schedule events for it with the returned kind. */
  on(handler: EventHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /** Schedules `kind` at absolute time `at`; lower priorities run first at the same instant. */
  at(at: number, kind: number, payload = 0, priority = 0): void {
    if (!(at >= this.clock)) throw new Error(`cannot schedule in the past: ${at} < ${this.clock}`);
    this.queue.push(at, priority, kind, payload);
  }

  after(delay: number, kind: number, payload = 0, priority = 0): void {
    this.at(this.clock + delay, kind, payload, priority);
  }

  /** Runs events up to and including `until`; returns how many ran. */
  run(until = Infinity): number {
    const start = this.processed;
    const handlers = this.handlers;
    const queue = this.queue;
    while (queue.length > 0 && queue.peekTime() <= until) {
      const slot = queue.pop();
      this.clock = queue.timeOf(slot);
      const kind = queue.kindOf(slot);
      const payload = queue.payloadOf(slot);
      this.processed++;
      (handlers[kind] as EventHandler)(payload);
    }
    if (until !== Infinity && until > this.clock) this.clock = until;
    return this.processed - start;
  }
}

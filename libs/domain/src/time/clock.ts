import type { Instant } from './instant';

/** Where services read the time: the wall clock in production, a simulated one in scenarios. */
export interface Clock {
  now(): Instant;
}

/** A clock that moves only when told to: scenarios run at any date, deterministically. */
export class SimulatedClock implements Clock {
  constructor(private current: Instant) {}

  now(): Instant {
    return this.current;
  }

  set(instant: Instant): void {
    this.current = instant;
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('a simulated clock does not go back');
    this.current += ms;
  }
}

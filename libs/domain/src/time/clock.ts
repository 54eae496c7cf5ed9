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

/** A clock that started at a chosen instant and runs in real time from there (demos, QA). */
export class ShiftedClock implements Clock {
  private readonly shift: number;

  constructor(
    startAt: Instant,
    private readonly wallClock: () => Instant = () => Date.now(),
  ) {
    this.shift = startAt - wallClock();
  }

  now(): Instant {
    return this.wallClock() + this.shift;
  }
}

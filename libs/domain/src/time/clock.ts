import type { Instant } from './instant';

/** Where services read the time: the wall clock in production, a simulated one in scenarios. */
export interface Clock {
  now(): Instant;
}

/** A clock QA may move: a simulated one, or a shifted one started with BIOGATE_CLOCK_START. */
export interface SettableClock extends Clock {
  set(instant: Instant): void;
}

export function isSettableClock(clock: Clock): clock is SettableClock {
  return typeof (clock as Partial<SettableClock>).set === 'function';
}

/** A clock that moves only when told to: scenarios run at any date, deterministically. */
export class SimulatedClock implements SettableClock {
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
export class ShiftedClock implements SettableClock {
  private shift: number;

  constructor(
    startAt: Instant,
    private readonly wallClock: () => Instant = () => Date.now(),
  ) {
    this.shift = startAt - wallClock();
  }

  now(): Instant {
    return this.wallClock() + this.shift;
  }

  /** Jumps to an instant and runs on in real time from there (scenario replay against a service). */
  set(instant: Instant): void {
    this.shift = instant - this.wallClock();
  }
}

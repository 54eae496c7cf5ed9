import { Injectable } from '@nestjs/common';
import { RememberedEntries } from '../remembered-entries';

/** Flights whose count is remembered at most (the oldest is forgotten first). */
const REMEMBERED_FLIGHTS = 20_000;

/**
 * This process's check-ins on each flight, issued one at a time, and the flight's count of
 * check-ins as this process last took it. A check-in reads the count with its passenger and takes
 * the next sequence number in its one write, which fails if another took it first; taking turns
 * here, and counting what the turns before took, keeps this process's own check-ins on a flight
 * (an airport's burst) from taking the same number and losing their write. Another process (or a
 * check-in under the flight row's lock) can still get there first: the write then says so.
 */
@Injectable()
export class FlightCheckInCounts {
  /** Each flight's last turn, settled or not. */
  private readonly turns = new Map<string, Promise<void>>();
  private readonly counts = new RememberedEntries<string, number>(REMEMBERED_FLIGHTS);

  /**
   * Runs `issue` with the flight's next sequence number: after `countAsRead` (read with the
   * passenger) and after what this process took since, once the turns before have ended.
   */
  next<T>(flightId: string, countAsRead: number, issue: (sequence: number) => Promise<T>) {
    const before = this.turns.get(flightId) ?? Promise.resolve();
    const turn = before.then(async () => {
      const sequence = Math.max(countAsRead, this.counts.get(flightId) ?? 0) + 1;
      const issued = await issue(sequence);
      this.taken(flightId, sequence);
      return issued;
    });
    const ended = turn.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(flightId, ended);
    void ended.then(() => {
      if (this.turns.get(flightId) === ended) this.turns.delete(flightId);
    });
    return turn;
  }

  /** A sequence number taken on the flight, and committed. */
  taken(flightId: string, sequence: number): void {
    const count = this.counts.get(flightId);
    if (count !== undefined && count >= sequence) return;
    this.counts.set(flightId, sequence);
  }
}

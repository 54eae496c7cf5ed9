import type { GateTouchpoint } from '../replay/scenario-target';

/** A settle towards some gates: the writes it covers, and its end. */
interface Settle {
  /** The writes answered when it began (until then, it will cover any answered so far). */
  covers: number;
  done: Promise<void>;
}

/**
 * How far the live day's writes have reached each gate. Writes are numbered as their answers
 * come (`answered` is the count so far); a settle covers those answered before it began. A gate
 * has at most two settles: one on its way, one waiting for it to end, which every need answered
 * meanwhile joins.
 */
export class GateSettles {
  /** Settles asked of the services so far. */
  count = 0;
  private readonly settled: Record<GateTouchpoint, number> = { SECURITY: 0, BOARDING: 0 };
  private readonly current: Record<GateTouchpoint, Settle | undefined> = {
    SECURITY: undefined,
    BOARDING: undefined,
  };
  private readonly next: Record<GateTouchpoint, Settle | undefined> = {
    SECURITY: undefined,
    BOARDING: undefined,
  };

  constructor(
    private readonly settle: (gates: readonly GateTouchpoint[]) => Promise<void>,
    private readonly answered: () => number,
  ) {}

  /**
   * Until each gate has applied the writes up to its need: the settle on its way if it covers
   * them, else the one waiting for it, else one for the gates left that begins as soon as theirs
   * on the way end.
   */
  until(needs: ReadonlyMap<GateTouchpoint, number>): Promise<unknown> {
    const waits: Promise<void>[] = [];
    const fresh: GateTouchpoint[] = [];
    for (const [gate, needed] of needs) {
      const current = this.current[gate];
      const next = this.next[gate];
      if (this.settled[gate] >= needed) continue;
      if (current !== undefined && current.covers >= needed) waits.push(current.done);
      else if (next !== undefined) waits.push(next.done);
      else fresh.push(gate);
    }
    if (fresh.length > 0) waits.push(this.afterCurrent(fresh).done);
    return Promise.all(waits);
  }

  private afterCurrent(gates: readonly GateTouchpoint[]): Settle {
    const settle: Settle = { covers: this.answered(), done: Promise.resolve() };
    const begin = () => {
      settle.covers = this.answered();
      for (const gate of gates) {
        this.current[gate] = settle;
        if (this.next[gate] === settle) this.next[gate] = undefined;
      }
      return this.settle(gates);
    };
    const before = gates.flatMap((gate) => this.current[gate]?.done ?? []);
    for (const gate of gates) this.next[gate] = settle;
    // At once when none of these gates has a settle on its way.
    const settled = before.length === 0 ? begin() : Promise.all(before).then(begin);
    settle.done = settled.then(() => {
      this.count++;
      for (const gate of gates) {
        this.settled[gate] = Math.max(this.settled[gate], settle.covers);
        if (this.current[gate] === settle) this.current[gate] = undefined;
      }
    });
    return settle;
  }
}

import fc from 'fast-check';
import { EventQueue } from './event-queue';
import { Simulation } from './simulation';

describe('EventQueue', () => {
  it('pops by time, then priority, then scheduling order', () => {
    const queue = new EventQueue(2);
    const events: [number, number, number][] = [
      [5, 0, 1],
      [1, 2, 2],
      [1, 1, 3],
      [1, 1, 4],
      [0.5, 9, 5],
      [5, -1, 6],
    ];
    for (const [time, priority, payload] of events) queue.push(time, priority, 0, payload);
    const order: number[] = [];
    while (queue.length > 0) order.push(queue.payloadOf(queue.pop()));
    expect(order).toEqual([5, 3, 4, 2, 6, 1]);
  });

  it('sorts any sequence of pushes like a stable sort on (time, priority)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -2, max: 2 })), {
          maxLength: 300,
        }),
        (events) => {
          const queue = new EventQueue(4);
          events.forEach(([time, priority], i) => {
            queue.push(time, priority, 0, i);
          });
          const popped: number[] = [];
          while (queue.length > 0) popped.push(queue.payloadOf(queue.pop()));
          const expected = events
            .map(([time, priority], i) => ({ time, priority, i }))
            .sort((a, b) => a.time - b.time || a.priority - b.priority || a.i - b.i)
            .map((e) => e.i);
          expect(popped).toEqual(expected);
        },
      ),
    );
  });
});

describe('Simulation', () => {
  it('advances the clock event by event and runs handlers that schedule more', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const tick = sim.on((n) => {
      log.push(`${sim.now}:${n}`);
      if (n < 3) sim.after(1.5, tick, n + 1);
    });
    sim.at(10, tick, 1);
    expect(sim.run()).toBe(3);
    expect(log).toEqual(['10:1', '11.5:2', '13:3']);
  });

  it('stops at the horizon and keeps later events', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const mark = sim.on((n) => seen.push(n));
    [1, 2, 3, 4].forEach((t) => {
      sim.at(t, mark, t);
    });
    sim.run(2.5);
    expect(seen).toEqual([1, 2]);
    expect(sim.now).toBe(2.5);
    expect(sim.pending).toBe(2);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulation();
    const noop = sim.on(() => undefined);
    sim.at(5, noop);
    sim.run();
    expect(() => {
      sim.at(4, noop);
    }).toThrow(/in the past/);
  });
});

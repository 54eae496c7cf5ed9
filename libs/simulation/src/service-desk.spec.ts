import { SeededRandom } from '@biogate/domain';
import { sampler } from './distributions';
import { erlangCMeanWait } from './queueing-theory';
import { ServiceDesk } from './service-desk';
import { Simulation } from './simulation';

describe('ServiceDesk', () => {
  it('matches waits computed by hand for known arrivals and service times', () => {
    // One server; arrivals at 0, 1, 2, 10; service 3, 3, 3, 1.
    // Service starts at 0, 3, 6, 10: waits 0, 2, 4, 0; queue holds 1 over [1,2], 2 over [2,3], 1 over [3,6].
    const sim = new Simulation();
    const services = [3, 3, 3, 1];
    let next = 0;
    const desk = new ServiceDesk(sim, 'counter', 1, () => services[next++] ?? 0);
    const done: [number, number][] = [];
    const leave = sim.on((entity) => done.push([entity, sim.now]));
    const arrive = sim.on((entity) => {
      desk.arrive(entity, leave);
    });
    [0, 1, 2, 10].forEach((t, entity) => {
      sim.at(t, arrive, entity);
    });
    sim.run();
    expect(done).toEqual([
      [0, 3],
      [1, 6],
      [2, 9],
      [3, 11],
    ]);
    const report = desk.report(11);
    expect(report.served).toBe(4);
    expect(report.wait).toEqual({ mean: 1.5, p50: 2, p95: 4, max: 4 });
    expect(report.queueLength.max).toBe(2);
    expect(report.maxQueuePerHour).toEqual([2]);
    expect(report.startsPerHour).toEqual([4]);
    // area = 1*1 + 2*1 + 1*3 = 6 over 11 s
    expect(report.queueLength.mean).toBeCloseTo(6 / 11, 10);
    // busy 0-9 and 10-11: 10 of 11 s
    expect(report.utilisation).toBeCloseTo(10 / 11, 10);
  });

  it('shows, as a queue sensor would, how many wait and how long the first has waited', () => {
    // One server; arrivals at 0, 1, 2; service 3 each: at 2.5, two wait (since 1 and 2).
    const sim = new Simulation();
    const desk = new ServiceDesk(sim, 'counter', 1, () => 3);
    const leave = sim.on(() => undefined);
    const arrive = sim.on((entity) => {
      desk.arrive(entity, leave);
    });
    const seen: [number, number][] = [];
    const look = sim.on(() => seen.push([desk.queueLength, desk.longestWait]));
    [0, 1, 2].forEach((t, entity) => {
      sim.at(t, arrive, entity);
    });
    // Service starts at 0, 3, 6: the second waits 1-3, the third 2-6.
    for (const t of [0.5, 2.5, 4, 7]) sim.at(t, look, 0);
    sim.run();
    expect(seen).toEqual([
      [0, 0],
      [2, 1.5],
      [1, 2],
      [0, 0],
    ]);
  });

  it('agrees with Erlang C for an M/M/c queue (4 servers, 75% load)', () => {
    const lambda = 3; // arrivals per second
    const mu = 1; // services per second per server
    const random = new SeededRandom('mmc');
    const sim = new Simulation();
    const desk = new ServiceDesk(
      sim,
      'gates',
      4,
      sampler({ kind: 'exponential', mean: 1 / mu }, random),
    );
    const leave = sim.on(() => undefined);
    const interArrival = sampler({ kind: 'exponential', mean: 1 / lambda }, random);
    const customers = 300_000;
    let entity = 0;
    const arrive = sim.on(() => {
      desk.arrive(entity, leave);
      entity++;
      if (entity < customers) sim.after(interArrival(), arrive);
    });
    sim.at(0, arrive);
    sim.run();
    const expected = erlangCMeanWait(lambda, mu, 4);
    expect(expected).toBeCloseTo(0.5094, 3);
    expect(desk.report().wait.mean).toBeGreaterThan(expected * 0.95);
    expect(desk.report().wait.mean).toBeLessThan(expected * 1.05);
    expect(desk.report().utilisation).toBeCloseTo(0.75, 2);
  });

  it('gives identical results for identical seeds', () => {
    const run = (seed: string) => {
      const random = new SeededRandom(seed);
      const sim = new Simulation();
      const desk = new ServiceDesk(
        sim,
        'kiosk',
        2,
        sampler({ kind: 'triangular', min: 30, mode: 60, max: 120 }, random),
      );
      const leave = sim.on(() => undefined);
      const arrive = sim.on((e) => {
        desk.arrive(e, leave);
      });
      for (let i = 0; i < 1000; i++) sim.at(i * 25 + random.next() * 10, arrive, i);
      sim.run();
      return desk.report();
    };
    expect(run('day-1')).toEqual(run('day-1'));
    expect(run('day-1')).not.toEqual(run('day-2'));
  });
});

describe('distributions', () => {
  it.each([
    [{ kind: 'uniform', min: 1, max: 3 } as const, 2],
    [{ kind: 'exponential', mean: 20 } as const, 20],
    [{ kind: 'triangular', min: 18, mode: 19, max: 20 } as const, 19],
    [{ kind: 'lognormal', mean: 90, sd: 30 } as const, 90],
  ])('samples %j with the stated mean', (spec, mean) => {
    const draw = sampler(spec, new SeededRandom('means'));
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) sum += draw();
    expect(sum / n).toBeGreaterThan(mean * 0.98);
    expect(sum / n).toBeLessThan(mean * 1.02);
  });
});

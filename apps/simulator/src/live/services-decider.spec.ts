import type { DayPopulation } from '../capacity/day-population';
import type { DayAction, DayBatch, JourneyStep } from '../capacity/journey-step';
import type { GateTouchpoint, ScenarioTarget, ServiceResponse } from '../replay/scenario-target';
import { ServicesDecider } from './services-decider';

/** Services that allow every step, and note each settle with the gates it was asked for. */
function servicesNoting(settles: string[]): ScenarioTarget {
  const allowed: ServiceResponse = {
    status: 200,
    body: { decision: { outcome: 'ALLOWED', reason: 'OK' }, boardingPass: { bcbp: 'M1' } },
  };
  return {
    call: () => Promise.resolve(allowed),
    setClock: () => Promise.resolve(),
    settle: (gates?: readonly GateTouchpoint[]) => {
      settles.push(gates === undefined ? 'all' : gates.join('+'));
      return Promise.resolve();
    },
    deadLetters: () => Promise.resolve(0),
    purgeTemplates: () => Promise.resolve({ retentionHours: 24, deleted: {} }),
    overrideIdentity: () => Promise.resolve(),
  };
}

/** Four passengers of one flight: only what the decider reads of a population. */
const POPULATION_READ = {
  total: 4,
  airport: 'SGN',
  flights: [{ carrier: 'VN', number: '213', date: '2025-12-01', gate: '12' }],
  flight: () => ({
    carrier: 'VN',
    number: '213',
    date: '2025-12-01',
    destination: 'HAN',
    departureAt: 1_764_558_000_000,
    international: false,
    gate: '12',
  }),
  document: () => ({ type: 'CITIZEN_ID_CARD', number: '079000000001' }),
  pnr: () => 'ABC123',
  has: () => false,
  surname: () => 'NGUYEN',
  givenName: () => 'AN',
  birthDate: () => '1990-01-01',
  checkedBags: () => 0,
  ssr: () => [],
};
const POPULATION = POPULATION_READ as unknown as DayPopulation;

const checkIn = (passenger: number): JourneyStep => ({
  kind: 'CHECK_IN',
  passenger,
  channel: 'KIOSK',
});
const at = (kind: GateTouchpoint, passenger: number): JourneyStep => ({
  kind,
  passenger,
  lane: 'MANUAL',
});

describe('ServicesDecider settles towards the gates a second needs, and only then', () => {
  it.each<[string, [JourneyStep[], DayAction[]][], string[]]>([
    [
      "a check-in reaches the security gate before the passenger's security step, not before another's",
      [
        [[checkIn(0)], []],
        [[at('SECURITY', 1)], []],
        [[at('SECURITY', 0)], []],
      ],
      ['SECURITY'],
    ],
    [
      'a security step of a passenger already settled there needs nothing more',
      [
        [[checkIn(0)], []],
        [[at('SECURITY', 0)], []],
        [[checkIn(1), at('SECURITY', 2)], []],
      ],
      ['SECURITY'],
    ],
    [
      "the security gate's clearance reaches boarding before the boarding step",
      [
        [[checkIn(0)], []],
        [[at('SECURITY', 0)], []],
        [[at('BOARDING', 0)], []],
      ],
      ['SECURITY', 'BOARDING'],
    ],
    [
      "a redirect to another security lane reads the gate's own rows: no settle again",
      [
        [[checkIn(0)], []],
        [[at('SECURITY', 0)], []],
        [[{ kind: 'SECURITY', passenger: 0, lane: 'AUTOMATED' }], []],
      ],
      ['SECURITY'],
    ],
    [
      'one settle for both gates when a second has steps at both',
      [
        [[checkIn(0), checkIn(1)], []],
        [[at('SECURITY', 0), at('BOARDING', 1)], []],
      ],
      ['SECURITY+BOARDING'],
    ],
    [
      'an outage changed reaches a gate before its next step there, not at once',
      [
        [[], [{ kind: 'DECLARE_OUTAGE', outage: 'KIOSK' }]],
        [[checkIn(0)], []],
        [[at('BOARDING', 1)], []],
        [[at('BOARDING', 2)], []],
      ],
      ['BOARDING'],
    ],
    [
      'boarding opened: the booked flights reach the boarding gate first, the security gate need not',
      [
        [[{ kind: 'BOOKING', passengers: [0, 1] }], []],
        [[], [{ kind: 'OPEN_BOARDING', flight: 0 }]],
      ],
      ['BOARDING'],
    ],
  ])('%s', async (_case, seconds, expected) => {
    const settles: string[] = [];
    const decider = new ServicesDecider(servicesNoting(settles), POPULATION, 420);
    for (const [i, [steps, actions]] of seconds.entries()) {
      const batch: DayBatch = { at: 1_764_547_200_000 + i * 1000, steps, actions };
      await decider.decide(batch);
    }
    expect(settles).toEqual(expected);
  });
});

/** Services whose settles end only when the test says, each noted as it begins. */
function servicesSettlingOnCue(settles: string[], ends: (() => void)[]): ScenarioTarget {
  return {
    ...servicesNoting([]),
    clockOf: (path: string) => (path.startsWith('/v1/security/') ? 'security' : 'checkin'),
    settle: (gates?: readonly GateTouchpoint[]) => {
      settles.push(gates === undefined ? 'all' : gates.join('+'));
      return new Promise<void>((resolve) => ends.push(resolve));
    },
  };
}

const second = (i: number, steps: JourneyStep[], actions: DayAction[] = []): DayBatch => ({
  at: 1_764_547_200_000 + i * 1000,
  steps,
  actions,
});

describe('ServicesDecider, with batches of several seconds on their way', () => {
  it('begins a settle a batch will need when asked to prepare it, and the batch waits for it', async () => {
    const settles: string[] = [];
    const ends: (() => void)[] = [];
    const decider = new ServicesDecider(servicesSettlingOnCue(settles, ends), POPULATION, 420);
    await decider.decide(second(0, [checkIn(0), checkIn(1), checkIn(2)]));
    decider.prepare(second(20, [at('SECURITY', 0)]));
    expect(settles).toEqual(['SECURITY']);
    // A check-in answered now is not covered by the settle on its way: the next one begins after.
    await decider.decide(second(21, [checkIn(3)]));
    decider.prepare(second(41, [at('SECURITY', 3)]));
    decider.prepare(second(22, [at('SECURITY', 1)]));
    let decided = false;
    const security = decider.decide(second(20, [at('SECURITY', 0)])).then(() => (decided = true));
    await new Promise(setImmediate);
    expect(decided).toBe(false);
    ends.shift()?.();
    await security;
    await new Promise(setImmediate);
    // The second settle began once the first ended; no third, however many batches wait for it.
    decider.prepare(second(42, [at('SECURITY', 2)]));
    expect(settles).toEqual(['SECURITY', 'SECURITY']);
    ends.shift()?.();
    await decider.decide(second(41, [at('SECURITY', 3)]));
    expect(settles).toEqual(['SECURITY', 'SECURITY']);
  });

  it.each<[string, DayBatch, readonly string[] | undefined]>([
    [
      'steps move the clocks of the services they reach',
      second(0, [checkIn(0), at('BOARDING', 1)]),
      ['checkin', 'boarding'],
    ],
    ['one clock however many steps reach it', second(0, [checkIn(0), checkIn(1)]), ['checkin']],
    [
      'security presentations are decided at the instant they carry: no clock',
      second(0, [checkIn(0), at('SECURITY', 1), at('SECURITY', 2)]),
      ['checkin'],
    ],
    [
      "boarding opening moves the boarding gate's clock",
      second(0, [], [{ kind: 'OPEN_BOARDING', flight: 0 }]),
      ['boarding'],
    ],
    [
      'an outage goes with nothing else',
      second(0, [checkIn(0)], [{ kind: 'DECLARE_OUTAGE', outage: 'KIOSK' }]),
      undefined,
    ],
  ])('clocks: %s', (_case, batch, clocks) => {
    const target: ScenarioTarget = {
      ...servicesNoting([]),
      clockOf: (path: string) =>
        path === '/v1/security/presentations'
          ? null
          : path.startsWith('/v1/boarding/')
            ? 'boarding'
            : 'checkin',
    };
    expect(new ServicesDecider(target, POPULATION, 420).clocksOf(batch)).toEqual(clocks);
  });

  it('has no clocks to tell apart where the target has one for all', () => {
    const decider = new ServicesDecider(servicesNoting([]), POPULATION, 420);
    expect(decider.clocksOf(second(0, [checkIn(0)]))).toBeUndefined();
  });
});

describe("ServicesDecider sends a second's steps across flights", () => {
  it("takes one flight's steps after another's in turn, each flight's in its order", async () => {
    const flights = [{ gate: '12' }, { gate: '14' }];
    const population = {
      ...POPULATION_READ,
      flight: (passenger: number) => flights[passenger < 3 ? 0 : 1],
      document: (passenger: number) => ({ type: 'CITIZEN_ID_CARD', number: String(passenger) }),
    } as unknown as DayPopulation;
    const sent: string[] = [];
    const target: ScenarioTarget = {
      ...servicesNoting([]),
      call: (_method, _path, body) => {
        sent.push((body as { document: { number: string } }).document.number);
        return servicesNoting([]).call('POST', '');
      },
    };
    const decider = new ServicesDecider(target, population, 420);
    // Every kind of step goes so; at check-in, which issues a flight's passes one at a time, a
    // burst of one flight's steps would wait on itself.
    await decider.decide(
      second(
        0,
        [0, 1, 2, 3, 4].map((p) => at('SECURITY', p)),
      ),
    );
    expect(sent).toEqual(['0', '3', '1', '4', '2']);
  });
});

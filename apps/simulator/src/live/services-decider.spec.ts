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
    overrideIdentity: () => Promise.resolve(),
  };
}

/** Four passengers of one flight: only what the decider reads of a population. */
const POPULATION = {
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
} as unknown as DayPopulation;

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

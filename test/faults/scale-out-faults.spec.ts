import {
  board,
  bookAndCheckIn,
  expectConsistentJourneys,
  openBoarding,
  screen,
  type DrivenPassenger,
  startDistributedInfrastructure,
  type DistributedInfrastructure,
} from '../support/distributed-journeys';
import { startServiceProcess, type ServiceProcess } from '../support/service-processes';

/**
 * Scale-out: two instances of each gate service in one consumer group, sharing 12 partitions
 * per topic, requests spread over both. Mid-run, with events streaming to both gates, one
 * security-gate instance is killed (SIGKILL), then one boarding-gate instance. The survivors take
 * over the dead instances' partitions (after the group's session timeout, 6 s here) and their
 * unsent outbox rows; every journey completes, nothing is applied twice, nothing is lost.
 */
const PASSENGERS = 120;
const FLIGHTS = 4;
const PARTITIONS = 12;

describe('two instances of each gate, one killed mid-run', () => {
  let infrastructure: DistributedInfrastructure;
  const processes = new Map<string, ServiceProcess>();

  beforeAll(async () => {
    // A killed instance's partitions go to the survivor after 6 s of silence, not kafkajs's 30.
    infrastructure = await startDistributedInfrastructure(PARTITIONS, { sessionTimeoutMs: 6_000 });
    // one after the other: each runs its migrations under the advisory lock
    for (const [name, app, port] of [
      ['checkin', 'checkin', 3721],
      ['security-a', 'security-gate', 3722],
      ['security-b', 'security-gate', 3724],
      ['boarding-a', 'boarding-gate', 3723],
      ['boarding-b', 'boarding-gate', 3725],
    ] as const) {
      processes.set(name, await startServiceProcess(app, port, infrastructure.env));
    }
  }, 180_000);

  afterAll(async () => {
    for (const p of processes.values()) await p.stop();
    await infrastructure.stop();
  }, 60_000);

  const url = (name: string) => processes.get(name)?.url ?? '';
  /** Round robin over the instances still running. */
  const spread = (names: string[]) => {
    let next = 0;
    return () => url(names[next++ % names.length] ?? '');
  };

  it('completes every journey, applying each event once, when one of two instances dies', async () => {
    const security = ['security-a', 'security-b'];
    const boarding = ['boarding-a', 'boarding-b'];
    const kill = async (names: string[], name: string) => {
      await processes.get(name)?.kill();
      processes.delete(name);
      names.splice(names.indexOf(name), 1);
    };

    // A pipeline, as at an airport: while passenger i checks in, i - LAG is at security and
    // i - 2 LAG at the boarding gate, so events stream to both gates all the time.
    const LAG = 10;
    const toSecurity = spread(security);
    const toBoarding = spread(boarding);
    const passengers: DrivenPassenger[] = [];
    for (let i = 0; i < PASSENGERS + 2 * LAG; i++) {
      if (i === PASSENGERS / 2) await kill(security, 'security-b');
      if (i === PASSENGERS / 2 + LAG) await kill(boarding, 'boarding-b');
      if (i < PASSENGERS) passengers.push(await bookAndCheckIn(url('checkin'), i, FLIGHTS));
      const atSecurity = i >= LAG ? passengers[i - LAG] : undefined;
      if (atSecurity !== undefined) await screen(toSecurity, atSecurity);
      if (i === 2 * LAG) await openBoarding(toBoarding(), FLIGHTS);
      const atBoarding = i >= 2 * LAG ? passengers[i - 2 * LAG] : undefined;
      if (atBoarding !== undefined) await board(toBoarding, atBoarding);
    }

    await expectConsistentJourneys(infrastructure.database.url, PASSENGERS, processes.values());
  }, 600_000);
});

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TOPICS } from '@biogate/contracts';
import {
  createTestPostgresDatabase,
  startTestKafka,
  type TestDatabase,
  type TestKafka,
} from '@biogate/testing';
import { startServiceProcess, type ServiceCode, type ServiceProcess } from './service-processes';
import { KEYS } from './service-harness';

/**
 * Whole journeys driven over HTTP against service processes, and the checks that the three
 * services' own schemas agree afterwards: what the fault tests share.
 */

/** A Kafka with every biogate topic, a PostgreSQL database, and the services' environment. */
export interface DistributedInfrastructure {
  readonly kafka: TestKafka;
  readonly database: TestDatabase;
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Kafka's mock cluster and a PostgreSQL database of their own, and the services' environment for
 * them. `sessionTimeoutMs` (the services' KAFKA_SESSION_TIMEOUT_MS): how soon a consumer group
 * hands a killed member's partitions to the others; kafkajs's 30 s when not given.
 */
export async function startDistributedInfrastructure(
  partitions: number,
  options: { sessionTimeoutMs?: number } = {},
): Promise<DistributedInfrastructure> {
  const kafka = await startTestKafka(
    Object.values(TOPICS).flatMap((t) => [t, `${t}.dead-letter`]),
    { partitions },
  );
  const database = await createTestPostgresDatabase();
  return {
    kafka,
    database,
    env: {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafka.brokers.join(','),
      BIOGATE_TEMPLATE_KEY: randomBytes(32).toString('base64'),
      BIOGATE_GALLERY_KEY: randomBytes(32).toString('base64'),
      BIOGATE_CLOCK_START: '2025-12-01T06:00:00+07:00',
      ...(options.sessionTimeoutMs === undefined
        ? {}
        : { KAFKA_SESSION_TIMEOUT_MS: String(options.sessionTimeoutMs) }),
    },
    stop: async () => {
      await database.drop();
      await kafka.stop();
    },
  };
}

/**
 * Check-in, security gate and boarding gate as three processes on the given ports, started one
 * after the other: each runs its migrations under the advisory lock.
 */
export async function startThreeServices(
  env: Record<string, string>,
  ports: readonly [number, number, number],
  code: ServiceCode = 'sources',
  /** Node's options for a service's process (a benchmark's `--cpu-prof`). */
  nodeOptionsOf: (app: string) => string[] = () => [],
): Promise<ServiceProcess[]> {
  const processes: ServiceProcess[] = [];
  const apps = ['checkin', 'security-gate', 'boarding-gate'] as const;
  try {
    for (const [i, app] of apps.entries())
      processes.push(
        await startServiceProcess(app, ports[i] as number, env, nodeOptionsOf(app), code),
      );
  } catch (error) {
    // Those started stop with the failure, or they would keep the caller's process alive.
    for (const started of processes) await started.stop();
    throw error;
  }
  return processes;
}

export interface DrivenPassenger {
  readonly id: string;
  readonly number: string;
  readonly bcbp: string;
  readonly flight: number;
}

export type JsonBody = Record<string, unknown>;

export async function post(
  url: string,
  path: string,
  body: unknown,
  key: string = KEYS.qa,
): Promise<{ status: number; body: JsonBody }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as JsonBody };
}

/**
 * How long a service may take to learn what it needs from the events. A consumer group stops
 * consuming while it rebalances: when a member joins, and for the session timeout (kafkajs's
 * 30 s unless the test sets it) when one dies without leaving. Two of those can come in a row (a second instance joining just
 * after the first, then a kill), and on a loaded machine each takes longer: 60 s was measured too
 * short (on the landed main too) with two busy cores beside the test.
 */
const EVENTS_PATIENCE_MS = 150_000;

/** Repeats a call until the service has learnt what it needs from the events. */
export async function until(
  attempt: () => Promise<{ body: JsonBody }>,
  done: (body: JsonBody) => boolean,
): Promise<JsonBody> {
  const deadline = Date.now() + EVENTS_PATIENCE_MS;
  for (;;) {
    const { body } = await attempt().catch(() => ({ body: {} }));
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(`gave up: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Books passenger `i` on one of `flights` flights (VN900…), enrols every other one at the counter,
 * and checks them in at the kiosk.
 */
export async function bookAndCheckIn(
  checkinUrl: string,
  i: number,
  flights: number,
): Promise<DrivenPassenger> {
  const flight = 900 + (i % flights);
  const number = `0792${String(10_000_000 + i)}`;
  const booked = await post(checkinUrl, '/v1/bookings', {
    pnr: `F${String(i).padStart(5, '0')}`,
    flight: {
      carrier: 'VN',
      number: String(flight),
      date: '2025-12-01',
      origin: 'SGN',
      destination: 'HAN',
      departureAt: '2025-12-01T10:00:00+07:00',
      international: false,
    },
    passengers: [
      {
        surname: 'TRAN',
        givenName: 'KHACH',
        document: { type: 'CITIZEN_ID_CARD', number },
        checkedBags: 0,
      },
    ],
  });
  expectStatus('booking', booked, 201);
  const id = (booked.body.passengers as { passengerId: string }[])[0]!.passengerId;
  if (i % 2 === 0) {
    const enrolled = await post(checkinUrl, '/v1/enrolments', {
      passengerId: id,
      channel: 'COUNTER',
      consent: true,
      capture: { quality: 'GOOD', seed: `e${i}` },
    });
    expectStatus('enrolment', enrolled, 201);
  }
  const checkedIn = await post(checkinUrl, '/v1/check-ins', { passengerId: id, channel: 'KIOSK' });
  expectStatus('check-in', checkedIn, 201);
  return { id, number, bcbp: (checkedIn.body.boardingPass as { bcbp: string }).bcbp, flight };
}

/** Through the manual security lane, repeated until the gate knows the pass. */
export function screen(securityUrl: () => string, p: DrivenPassenger): Promise<JsonBody> {
  return until(
    () =>
      post(securityUrl(), '/v1/security/presentations', {
        airport: 'SGN',
        lane: 'MANUAL',
        boardingPass: p.bcbp,
        document: { type: 'CITIZEN_ID_CARD', number: p.number },
      }),
    (body) => body.cleared === true,
  );
}

/** Opens boarding of flights VN900… at gates 10…, once the gate has learnt of each flight. */
export async function openBoarding(boardingUrl: string, flights: number): Promise<void> {
  for (let f = 0; f < flights; f++) {
    const deadline = Date.now() + EVENTS_PATIENCE_MS;
    for (;;) {
      const opened = await post(boardingUrl, '/v1/boarding/flights/open', {
        airport: 'SGN',
        carrier: 'VN',
        number: String(900 + f),
        date: '2025-12-01',
        gate: String(10 + f),
      });
      if (opened.status === 200) break;
      if (opened.status !== 404 || Date.now() > deadline) {
        expectStatus('open boarding', opened, 200);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Through the manual boarding gate, repeated until boarded (or told it already was). */
export function board(boardingUrl: () => string, p: DrivenPassenger): Promise<JsonBody> {
  return until(
    () =>
      post(boardingUrl(), '/v1/boarding/presentations', {
        airport: 'SGN',
        gate: String(10 + (p.flight - 900)),
        lane: 'MANUAL',
        boardingPass: p.bcbp,
        document: { type: 'CITIZEN_ID_CARD', number: p.number },
      }),
    (body) =>
      body.boarded === true ||
      (body.decision as { reason?: string } | undefined)?.reason === 'ALREADY_BOARDED',
  );
}

function expectStatus(what: string, response: { status: number; body: JsonBody }, status: number) {
  if (response.status !== status) {
    throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/**
 * Every journey is whole and applied once across the three services' schemas: `passengers`
 * checked in, known to both gates, cleared, boarded, every second one's gallery entry at the
 * boarding gate, each gate's decision back in check-in's journey log once, and no outbox row
 * left unsent. On failure the error says where events stopped, with each service's stderr.
 */
export async function expectConsistentJourneys(
  databaseUrl: string,
  passengers: number,
  processes: Iterable<ServiceProcess>,
): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const one = async (sql: string) =>
    Number(((await db.query<{ n: string }>(sql)).rows[0] ?? { n: '-1' }).n);
  /**
   * Events are delivered at least once, a little later: wait for a count to settle. A consumer
   * group with a killed member rebalances only once kafkajs's 30 s session timeout has expired,
   * so the wait covers that and the rebalance after it (a run that ended within 30 s of a kill
   * once failed here, 399 of 400 steps applied).
   */
  const eventually = async (sql: string, expected: number) => {
    const deadline = Date.now() + 75_000;
    while ((await one(sql)) !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return one(sql);
  };
  try {
    expect(await one('SELECT count(*) AS n FROM checkin.check_in')).toBe(passengers);
    expect(await one('SELECT count(*) AS n FROM security.boarding_pass')).toBe(passengers);
    expect(await one('SELECT count(*) AS n FROM security.clearance')).toBe(passengers);
    expect(await one('SELECT count(*) AS n FROM boarding.security_clearance')).toBe(passengers);
    expect(await one('SELECT count(*) AS n FROM boarding.boarded')).toBe(passengers);
    expect(await one('SELECT count(*) AS n FROM boarding.gallery_entry')).toBe(passengers / 2);
    // every journey step the gates decided reached check-in's journey log exactly once
    expect(
      await eventually(
        `SELECT count(*) AS n FROM checkin.journey_step WHERE touchpoint = 'BOARDING' AND decision->>'outcome' = 'ALLOWED'`,
        passengers,
      ),
    ).toBe(passengers);
    expect(
      await one(
        `SELECT count(*) AS n FROM (SELECT passenger_id FROM checkin.journey_step WHERE touchpoint = 'SECURITY' AND decision->>'outcome' = 'ALLOWED' GROUP BY passenger_id HAVING count(*) > 1) d`,
      ),
    ).toBe(0);
    // and nothing is left undelivered
    for (const schema of ['checkin', 'security', 'boarding']) {
      const unsent = `SELECT count(*) AS n FROM ${schema}.outbox WHERE sent_at IS NULL`;
      expect(await eventually(unsent, 0)).toBe(0);
    }
  } catch (error) {
    // What the next look needs: where events stopped, and what each service logged.
    const state = await db.query<{ what: string; n: string }>(
      `SELECT 'unsent ' || s AS what, n FROM (
         SELECT 'checkin' AS s, count(*) AS n FROM checkin.outbox WHERE sent_at IS NULL
         UNION ALL SELECT 'security', count(*) FROM security.outbox WHERE sent_at IS NULL
         UNION ALL SELECT 'boarding', count(*) FROM boarding.outbox WHERE sent_at IS NULL) u
       UNION ALL SELECT 'steps ' || touchpoint, count(*) FROM checkin.journey_step GROUP BY touchpoint
       UNION ALL SELECT 'processed by ' || consumer, count(*) FROM checkin.processed_events GROUP BY consumer`,
    );
    const logs = [...processes]
      .map((p) => `--- ${p.name} ${p.url} stderr (tail)\n${p.stderr().slice(-4000)}`)
      .join('\n');
    throw new Error(
      `${String(error)}\n${state.rows.map((r) => `${r.what}: ${r.n}`).join('\n')}\n${logs}`,
    );
  } finally {
    await db.end();
  }
}

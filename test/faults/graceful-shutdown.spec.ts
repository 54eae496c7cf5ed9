import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { KafkaTransport, type Subscription } from '@biogate/messaging';
import { TOPICS } from '@biogate/contracts';
import { booking } from '../support/booking-fixtures';
import {
  startDistributedInfrastructure,
  type DistributedInfrastructure,
} from '../support/distributed-journeys';
import { KEYS } from '../support/service-harness';
import { startServiceProcess } from '../support/service-processes';

const PORT = 3731;
const CLIENTS = 8;

interface Outcome {
  readonly status?: number;
  readonly passengerId?: string;
  readonly error?: string;
  readonly answeredAt: number;
}

/** One booking on a connection of its own (no keep-alive): an answer, or the socket's error. */
function postBooking(pnr: string): Promise<Outcome> {
  const body = JSON.stringify(
    booking(pnr, { passenger: { document: { type: 'PASSPORT', number: `P${pnr}` } } }),
  );
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: PORT,
        path: '/v1/bookings',
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-api-key': KEYS.qa,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          const parsed = (res.statusCode === 201 ? JSON.parse(text) : {}) as {
            passengers?: { passengerId: string }[];
          };
          resolve({
            status: res.statusCode ?? 0,
            passengerId: parsed.passengers?.[0]?.passengerId,
            answeredAt: Date.now(),
          });
        });
        res.on('error', (error: NodeJS.ErrnoException) => {
          resolve({ error: error.code ?? error.message, answeredAt: Date.now() });
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ error: error.code ?? error.message, answeredAt: Date.now() });
    });
    req.end(body);
  });
}

/**
 * SIGTERM to check-in while clients keep booking (distributed mode: Kafka and PostgreSQL). The
 * service answers new requests 503 for its grace period while it finishes those it had taken,
 * closes its listener, delivers its outbox to Kafka, and only then closes its database and exits:
 * no client sees a reset, every booking it confirmed is in the database and on the journey topic.
 */
describe('check-in shut down under load (SIGTERM)', () => {
  let infrastructure: DistributedInfrastructure;

  beforeAll(async () => {
    infrastructure = await startDistributedInfrastructure(3);
  }, 60_000);

  afterAll(() => infrastructure.stop(), 60_000);

  it('finishes what it took, refuses nothing mid-way, and loses nothing', async () => {
    const checkin = await startServiceProcess('checkin', PORT, infrastructure.env);
    const outcomes: Outcome[] = [];
    let refused = false;
    let sequence = 0;
    const client = async () => {
      while (!refused) {
        const outcome = await postBooking(
          `G${(sequence++).toString(36).toUpperCase().padStart(5, '0')}`,
        );
        outcomes.push(outcome);
        // Like a load balancer: a 503 or a closed door takes the instance out of the rotation.
        if (outcome.error !== undefined || outcome.status === 503) refused = true;
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const signalledAt = Date.now();
    const exited = new Promise<number | null>((resolve) => checkin.child.once('exit', resolve));
    checkin.child.kill('SIGTERM');
    await Promise.all(clients);
    expect(await exited).toBe(0);

    // Told to go elsewhere (503) or, once the door closed, refused: never cut off mid-way.
    const errors = outcomes.flatMap((o) => (o.error === undefined ? [] : [o.error]));
    expect(errors.filter((code) => code !== 'ECONNREFUSED')).toEqual([]);
    expect(
      outcomes.filter((o) => o.status !== undefined && ![201, 503].includes(o.status)),
    ).toEqual([]);
    expect(outcomes.some((o) => o.status === 503)).toBe(true);
    // Requests it had taken when the signal came were answered after it.
    expect(outcomes.some((o) => o.status === 201 && o.answeredAt > signalledAt)).toBe(true);
    const booked = outcomes.flatMap((o) => (o.passengerId === undefined ? [] : [o.passengerId]));
    expect(booked.length).toBeGreaterThan(CLIENTS);

    // Every confirmed booking is stored, and its event left the outbox before the database closed.
    const sql = new Client({ connectionString: infrastructure.database.url });
    await sql.connect();
    try {
      const stored = await sql.query<{ id: string }>(
        'SELECT id FROM checkin.booked_passenger WHERE id = ANY($1::uuid[])',
        [booked],
      );
      expect(stored.rows).toHaveLength(booked.length);
      const unsent = await sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM checkin.outbox WHERE sent_at IS NULL',
      );
      expect(unsent.rows[0]?.n).toBe(0);
    } finally {
      await sql.end();
    }

    // And is on the journey topic, where the gates read it.
    const reader = new KafkaTransport({
      brokers: infrastructure.kafka.brokers,
      clientId: `shutdown-${randomBytes(3).toString('hex')}`,
    });
    const seen = new Set<string>();
    let subscription: Subscription | undefined;
    try {
      subscription = reader.subscribe(
        [TOPICS.journey],
        `shutdown-reader-${randomBytes(3).toString('hex')}`,
        (message) => {
          const envelope = JSON.parse(message.value) as { type: string; key: string };
          if (envelope.type === 'PassengerBooked') seen.add(envelope.key);
          return Promise.resolve();
        },
      );
      const deadline = Date.now() + 45_000;
      while (booked.some((id) => !seen.has(id)) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect(booked.filter((id) => !seen.has(id))).toEqual([]);
    } finally {
      await subscription?.close();
      await reader.disconnect();
    }
    // The log says so, to the last line.
    expect(checkin.stdout()).toContain('"msg":"stopped"');
  }, 180_000);
});

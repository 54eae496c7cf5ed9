import { randomUUID } from 'node:crypto';
import { openDatabase, type OpenDatabase } from '@biogate/persistence';
import { checkinPersistence } from '../../apps/checkin/src/persistence/checkin-persistence';
import { GATE_STEPS } from '../../apps/checkin/src/persistence/checkin-store';
import type { JourneyStepRow } from '../../apps/checkin/src/persistence/checkin.entities';
import { postgresDatabase } from '../support/both-databases';

/**
 * The journey log's batch write looks each step's passenger up by key, however many passengers
 * are booked: written as `EXISTS`, PostgreSQL planned a join that read all of them for every
 * batch of the gates' decisions (a cost that grew through the day).
 */
describe('the journey log on PostgreSQL, with a day of passengers booked', () => {
  let db: OpenDatabase;
  let cleanup: () => Promise<void> = () => Promise.resolve();
  const passengers: string[] = [];

  beforeAll(async () => {
    const provisioned = await postgresDatabase();
    cleanup = provisioned.cleanup;
    db = await openDatabase(provisioned.config, [checkinPersistence]);
    const flightId = randomUUID();
    await db.dataSource.query(
      `INSERT INTO checkin.flight (id, carrier, flight_number, departure_date, origin, destination,
         departure_at, international)
       VALUES ($1, 'VN', '213', '2025-12-01', 'SGN', 'HAN', '2025-12-01T02:00:00Z', false)`,
      [flightId],
    );
    const bookings = await db.dataSource.query<{ id: string }[]>(
      `INSERT INTO checkin.booking (id, carrier, pnr, flight_id, created_at)
       SELECT gen_random_uuid(), 'VN', 'P' || lpad(n::text, 5, '0'), $1, now()
         FROM generate_series(1, 5000) AS n RETURNING id`,
      [flightId],
    );
    const booked = await db.dataSource.query<{ id: string }[]>(
      `INSERT INTO checkin.booked_passenger (id, booking_id, position, surname, given_name,
         document_type, document_number, checked_bags, ssr)
       SELECT gen_random_uuid(), b, 1, 'NGUYEN', 'AN', 'CITIZEN_ID_CARD', '0792' || lpad(n::text, 8, '0'), 0, '{}'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(b, n) RETURNING id`,
      [bookings.map((b) => b.id)],
    );
    passengers.push(...booked.map((p) => p.id));
    await db.dataSource.query('ANALYZE');
  }, 60_000);

  afterAll(async () => {
    await db.close();
    await cleanup();
  });

  const steps = (ids: readonly string[]): JourneyStepRow[] =>
    ids.map((passengerId) => ({
      id: randomUUID(),
      passengerId,
      touchpoint: 'SECURITY',
      point: 'EGATE',
      at: new Date('2025-12-01T01:00:00Z'),
      decision: { outcome: 'ALLOWED', lane: 'EGATE', reasons: [], ruleIds: [] } as never,
    }));

  /** What GATE_STEPS sends for these rows. */
  function statementOf(rows: JourneyStepRow[]): [string, unknown[]] {
    return [GATE_STEPS.sql('$1'), [JSON.stringify(rows)]];
  }

  it('reads no passenger but those of the batch', async () => {
    const [text, parameters] = statementOf(steps(passengers.slice(0, 16)));
    const [explained] = await db.dataSource.query<{ 'QUERY PLAN': unknown }[]>(
      `EXPLAIN (FORMAT JSON) ${text}`,
      parameters,
    );
    const plan = explained?.['QUERY PLAN'];
    const scans =
      JSON.stringify(plan).match(
        /"Node Type":"[^"]*Scan","[^}]*?"Relation Name":"booked_passenger"/g,
      ) ?? [];
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) expect(scan).toContain('Index');
  });

  it('places the steps of booked passengers and leaves out the others', async () => {
    const known = passengers.slice(16, 20);
    const [text, parameters] = statementOf(steps([...known, randomUUID()]));
    await db.dataSource.query(text, parameters);
    const placed = await db.dataSource.query<{ passenger_id: string }[]>(
      'SELECT passenger_id FROM checkin.journey_step ORDER BY passenger_id',
    );
    expect(placed.map((p) => p.passenger_id)).toEqual([...known].sort());
  });
});

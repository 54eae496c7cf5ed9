import { randomUUID } from 'node:crypto';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import {
  IdempotentConsumer,
  InProcessTransport,
  Outbox,
  OutboxRelay,
  outboxTablesSql,
  ProcessedEventPurge,
  outboxTraceContextSql,
  SentOutboxPurge,
  type EventEnvelope,
  type EventTransport,
  type TransportMessage,
} from '@biogate/messaging';
import {
  openDatabase,
  statementGuardSql,
  type DeferredRows,
  type RowsStatement,
  type UnitOfWork,
  type DatabaseConfig,
  type OpenDatabase,
  type PersistenceUnit,
} from '@biogate/persistence';
import { BOTH_DATABASES } from '../support/both-databases';

class SampleSchema1700000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA sample');
    await q.query('CREATE TABLE sample.item (id uuid PRIMARY KEY, name text NOT NULL)');
    for (const sql of outboxTablesSql('sample')) await q.query(sql);
    await q.query(outboxTraceContextSql('sample'));
    await q.query(statementGuardSql('sample'));
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP SCHEMA sample CASCADE');
  }
}

const unit: PersistenceUnit = {
  name: 'sample',
  entities: [],
  migrations: [SampleSchema1700000000000],
};

function envelope(key: string, payload: unknown = {}): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: 'ItemCreated',
    version: 1,
    occurredAt: '2025-12-01T00:00:00.000Z',
    key,
    correlationId: randomUUID(),
    producer: 'sample',
    payload,
  };
}

/** A transport that takes 2 ms to accept a batch and notes the ids of the events it took. */
function slowTransportInto(delivered: string[]): EventTransport {
  return {
    publish: async (messages) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      delivered.push(...messages.map((m) => (JSON.parse(m.value) as EventEnvelope).eventId));
    },
    subscribe: () => ({ close: () => Promise.resolve() }),
  };
}

async function count(db: OpenDatabase, sql: string): Promise<number> {
  const rows = await db.dataSource.query<{ n: string }[]>(sql);
  return Number(rows[0]?.n);
}

describe.each(BOTH_DATABASES)('outbox, relay and idempotent consumer on %s', (name, provision) => {
  let db: OpenDatabase;
  let config: DatabaseConfig;
  let cleanup: () => Promise<void>;
  const outbox = new Outbox('sample');

  beforeAll(async () => {
    ({ config, cleanup } = await provision());
    db = await openDatabase(config, [unit]);
  }, 60_000);

  afterAll(async () => {
    await db.close();
    await cleanup();
  });

  beforeEach(async () => {
    await db.dataSource.query('TRUNCATE sample.item, sample.outbox, sample.processed_events');
  });

  it('records the migration once', async () => {
    expect(
      await count(
        db,
        `SELECT count(*) AS n FROM biogate_migrations WHERE name = 'SampleSchema1700000000000'`,
      ),
    ).toBe(1);
  });

  it('runs after-commit effects once the unit commits, never when it rolls back', async () => {
    const effects: string[] = [];
    await db.unitOfWork.transaction(async (em) => {
      await em.query('INSERT INTO sample.item VALUES ($1, $2)', [randomUUID(), 'kept']);
      db.unitOfWork.afterCommit(em, () => effects.push('committed'));
      // Not yet: the transaction is still open.
      expect(effects).toEqual([]);
    });
    expect(effects).toEqual(['committed']);
    await expect(
      db.unitOfWork.transaction((em) => {
        db.unitOfWork.afterCommit(em, () => effects.push('rolled back'));
        return Promise.reject(new Error('the handler failed'));
      }),
    ).rejects.toThrow('the handler failed');
    expect(effects).toEqual(['committed']);
    expect(() => {
      db.unitOfWork.afterCommit(db.dataSource.manager, () => undefined);
    }).toThrow('outside a transaction');
  });

  it.each(['transaction', 'singleWrite'] as const)(
    'runs a unit (%s) that lost a race again, with the effects of the attempt that committed only',
    async (unit) => {
      const id = randomUUID();
      await db.dataSource.query('INSERT INTO sample.item VALUES ($1, $2)', [id, 'first']);
      const attempts: string[] = [];
      const effects: string[] = [];
      const result = await db.unitOfWork[unit](async (em) => {
        const attempt = `attempt ${attempts.length + 1}`;
        attempts.push(attempt);
        db.unitOfWork.afterCommit(em, () => effects.push(attempt));
        // The first attempt inserts the key another transaction already holds (unique_violation);
        // the second reads it and does not.
        const found = await em.query<{ id: string }[]>('SELECT id FROM sample.item WHERE id = $1', [
          id,
        ]);
        if (attempts.length === 1 || found.length === 0) {
          await em.query('INSERT INTO sample.item VALUES ($1, $2)', [id, 'again']);
        }
        return found.length;
      });
      expect(result).toBe(1);
      expect(attempts).toEqual(['attempt 1', 'attempt 2']);
      expect(effects).toEqual(['attempt 2']);
    },
  );

  it('runs a single write without a transaction, its effects after it and apart', async () => {
    // Each statement of a single write is its own transaction; a unit's statements share one.
    const txids = (em: Parameters<Parameters<typeof db.unitOfWork.read>[0]>[0]) =>
      Promise.all(
        [1, 2].map(async () => {
          const [row] = await em.query<{ id: string }[]>('SELECT txid_current()::text AS id');
          return row?.id;
        }),
      );
    const [inUnit1, inUnit2] = await db.unitOfWork.transaction(txids);
    expect(inUnit1).toBe(inUnit2);
    const [alone1, alone2] = await db.unitOfWork.singleWrite(txids);
    expect(alone1).not.toBe(alone2);

    const effects: string[] = [];
    // Two at once keep their effects apart; a failed one runs none.
    await Promise.all(
      ['a', 'b'].map((name) =>
        db.unitOfWork.singleWrite(async (em) => {
          db.unitOfWork.afterCommit(em, () => effects.push(name));
          await em.query('INSERT INTO sample.item VALUES ($1, $2)', [randomUUID(), name]);
        }),
      ),
    );
    await expect(
      db.unitOfWork.singleWrite((em) => {
        db.unitOfWork.afterCommit(em, () => effects.push('failed'));
        return Promise.reject(new Error('the handler failed'));
      }),
    ).rejects.toThrow('the handler failed');
    expect(effects.sort()).toEqual(['a', 'b']);
  });

  it('writes state and its event together, or neither', async () => {
    await db.unitOfWork.transaction(async (em) => {
      await em.query('INSERT INTO sample.item VALUES ($1, $2)', [randomUUID(), 'kept']);
      await outbox.append(em, [{ topic: 'items', envelope: envelope('p1') }]);
    });
    await expect(
      db.unitOfWork.transaction(async (em) => {
        await em.query('INSERT INTO sample.item VALUES ($1, $2)', [randomUUID(), 'lost']);
        await outbox.append(em, [{ topic: 'items', envelope: envelope('p2') }]);
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    expect(await count(db, 'SELECT count(*) AS n FROM sample.item')).toBe(1);
    expect(await count(db, 'SELECT count(*) AS n FROM sample.outbox')).toBe(1);
  });

  it("writes events inside a caller's own statement, numbered after its parameters, in order", async () => {
    const id = randomUUID();
    const events = [envelope('p3', { n: 1 }), envelope('p3', { n: 2 })];
    const insert = outbox.insertOf(
      events.map((e) => ({ topic: 'items', envelope: e })),
      3,
    );
    await db.unitOfWork.transaction((em) =>
      em.query(
        `WITH item AS (INSERT INTO sample.item VALUES ($1, $2)), events AS (${insert.sql}) SELECT 1`,
        [id, 'with its events', ...insert.parameters],
      ),
    );
    const rows = await db.dataSource.query<{ event_id: string; message_key: string; n: number }[]>(
      `SELECT event_id, message_key, (envelope->'payload'->>'n')::int AS n FROM sample.outbox
        WHERE message_key = 'p3' ORDER BY seq`,
    );
    expect(rows).toEqual([
      { event_id: events[0]!.eventId, message_key: 'p3', n: 1 },
      { event_id: events[1]!.eventId, message_key: 'p3', n: 2 },
    ]);
    expect(await count(db, `SELECT count(*) AS n FROM sample.item WHERE id = '${id}'`)).toBe(1);
  });

  it('relays every row once and marks it sent', async () => {
    const transport = new InProcessTransport();
    const received: TransportMessage[] = [];
    transport.subscribe(['items'], 'reader', (m) => Promise.resolve(void received.push(m)));
    // Quotes, a backslash and Vietnamese letters: the rows travel as an array literal of jsonb.
    const note = 'a "quoted" \\ note, Tân Sơn Nhất';
    const sent = [
      envelope('p1', { n: 1 }),
      envelope('p2', { n: 2, note }),
      envelope('p1', { n: 3 }),
    ];
    await db.unitOfWork.transaction((em) =>
      outbox.append(
        em,
        sent.map((e) => ({ topic: 'items', envelope: e })),
      ),
    );
    const relay = new OutboxRelay('sample', db.unitOfWork, transport, { batchSize: 2 });
    await relay.drain();
    await transport.idle();
    expect(received.map((m) => (JSON.parse(m.value) as EventEnvelope).eventId)).toEqual(
      sent.map((e) => e.eventId),
    );
    expect(received.map((m) => m.key)).toEqual(['p1', 'p2', 'p1']);
    expect(received.map((m) => JSON.parse(m.value) as EventEnvelope)).toEqual(sent);
    expect(await count(db, 'SELECT count(*) AS n FROM sample.outbox WHERE sent_at IS NULL')).toBe(
      0,
    );
    expect(await relay.relayOnce()).toBe(0);
  });

  it('publishes again after a crash between publish and mark, and the consumer applies it once', async () => {
    const event = envelope('p1', { name: 'boarding pass' });
    await db.unitOfWork.transaction((em) =>
      outbox.append(em, [{ topic: 'items', envelope: event }]),
    );

    const delivered: TransportMessage[] = [];
    const crashing: EventTransport = {
      publish: (messages) => {
        delivered.push(...messages);
        return Promise.reject(new Error('process killed before marking the row sent'));
      },
      subscribe: () => ({ close: () => Promise.resolve() }),
    };
    await expect(new OutboxRelay('sample', db.unitOfWork, crashing).relayOnce()).rejects.toThrow(
      'process killed',
    );
    expect(await count(db, 'SELECT count(*) AS n FROM sample.outbox WHERE sent_at IS NULL')).toBe(
      1,
    );

    const healthy: EventTransport = {
      publish: (messages) => Promise.resolve(void delivered.push(...messages)),
      subscribe: () => ({ close: () => Promise.resolve() }),
    };
    await new OutboxRelay('sample', db.unitOfWork, healthy).drain();
    expect(delivered).toHaveLength(2);

    const consumer = new IdempotentConsumer('sample', 'item-reader', db.unitOfWork);
    const applied: boolean[] = [];
    for (const message of delivered) {
      const received = JSON.parse(message.value) as EventEnvelope<{ name: string }>;
      applied.push(
        await consumer.process(received, (em) =>
          em.query('INSERT INTO sample.item VALUES ($1, $2)', [
            randomUUID(),
            received.payload.name,
          ]),
        ),
      );
    }
    expect(applied).toEqual([true, false]);
    expect(await count(db, 'SELECT count(*) AS n FROM sample.item')).toBe(1);
  });

  it('forgets a consumed event whose effect failed, so the retry applies it', async () => {
    const consumer = new IdempotentConsumer('sample', 'item-reader', db.unitOfWork);
    const event = envelope('p1');
    await expect(
      consumer.process(event, () => Promise.reject(new Error('transient'))),
    ).rejects.toThrow('transient');
    expect(
      await consumer.process(event, (em) =>
        em.query('INSERT INTO sample.item VALUES ($1, $2)', [randomUUID(), 'x']),
      ),
    ).toBe(true);
  });

  it('applies a run of events in one transaction, each once, in order', async () => {
    const consumer = new IdempotentConsumer('sample', 'run-reader', db.unitOfWork);
    const seen = envelope('p1');
    await consumer.process(seen, () => Promise.resolve());
    const fresh = [envelope('p1'), envelope('p2'), envelope('p3')];
    // Already processed; twice in the run; an id in capitals (PostgreSQL answers lower case).
    const run = [
      fresh[0]!,
      seen,
      fresh[1]!,
      fresh[0]!,
      { ...fresh[2]!, eventId: fresh[2]!.eventId.toUpperCase() },
    ];
    const order: number[] = [];
    const insert = (em: Parameters<Parameters<typeof consumer.process>[1]>[0], index: number) => {
      order.push(index);
      return em.query('INSERT INTO sample.item VALUES ($1, $2)', [randomUUID(), `run ${index}`]);
    };
    expect(await consumer.processInOrder(run, insert)).toBe(3);
    expect(order).toEqual([0, 2, 4]);
    expect(await consumer.processInOrder(run, insert)).toBe(0);

    // A failing effect rolls back the whole run, its ids too.
    const failing = [envelope('p4'), envelope('p5')];
    await expect(
      consumer.processInOrder(failing, (em, index) =>
        index === 1 ? Promise.reject(new Error('transient')) : insert(em, 10 + index),
      ),
    ).rejects.toThrow('transient');
    expect(await count(db, "SELECT count(*) AS n FROM sample.item WHERE name LIKE 'run %'")).toBe(
      3,
    );
    expect(await consumer.processInOrder(failing, insert)).toBe(2);
  });

  it('applies a run of rows as one statement, or in a transaction when an event came before', async () => {
    const { units, noted } = notingUnits(db.unitOfWork);
    const consumer = new IdempotentConsumer('sample', 'rows-reader', noted);
    const items: RowsStatement<{ id: string; name: string }> = {
      table: 'sample.item',
      key: (item) => item.id,
      sql: (rows) =>
        `INSERT INTO sample.item (id, name)
         SELECT id, name FROM jsonb_to_recordset(${rows}::jsonb) AS r(id uuid, name text)`,
    };
    const itemIds = new Map<string, string>();
    const addItem =
      (run: EventEnvelope[]) => (_em: unknown, index: number, later: DeferredRows) => {
        const event = run[index]!;
        const id = itemIds.get(event.eventId) ?? randomUUID();
        itemIds.set(event.eventId, id);
        later.add(items, { id, name: `rows ${event.key}` });
        return Promise.resolve();
      };
    const rowsWritten = () =>
      count(db, "SELECT count(*) AS n FROM sample.item WHERE name LIKE 'rows %'");

    const first = [envelope('r1'), envelope('r2')];
    const twice = [first[0]!, first[1]!, first[0]!];
    expect(await consumer.applyNew(twice, addItem(twice), { asRows: true })).toEqual([0, 1]);
    expect(units.splice(0)).toEqual([['statement', 'WITH']]);
    expect(await rowsWritten()).toBe(2);

    // One applied before, one new: the statement abandons itself, the transaction applies the new.
    const mixed = [first[1]!, envelope('r3')];
    expect(await consumer.applyNew(mixed, addItem(mixed), { asRows: true })).toEqual([1]);
    expect(units.splice(0)).toEqual([
      ['statement', 'WITH'],
      ['transaction', 'INSERT', 'INSERT'],
    ]);
    expect(await rowsWritten()).toBe(3);
    expect(await consumer.applyNew(mixed, addItem(mixed), { asRows: true })).toEqual([]);
    expect(await rowsWritten()).toBe(3);

    // A part that fails takes the ids with it: the event is applied when it comes again.
    const clash = [envelope('r4')];
    itemIds.set(clash[0]!.eventId, itemIds.get(first[0]!.eventId)!);
    await expect(consumer.applyNew(clash, addItem(clash), { asRows: true })).rejects.toThrow(
      /duplicate key|unique/,
    );
    itemIds.delete(clash[0]!.eventId);
    expect(await consumer.applyNew(clash, addItem(clash), { asRows: true })).toEqual([0]);
    expect(await rowsWritten()).toBe(4);
  });

  it('applies in a transaction a run said to be rows whose effect runs a statement of its own', async () => {
    const { units, noted } = notingUnits(db.unitOfWork);
    const consumer = new IdempotentConsumer('sample', 'mislabelled-reader', noted);
    const run = [envelope('m1'), envelope('m2')];
    const names = run.map((event) => `mislabelled ${event.key}`);
    // A consumer whose list of row-only types is wrong: its effect writes with a statement.
    const writes = (em: EntityManager, index: number) =>
      em.query('INSERT INTO sample.item VALUES ($1, $2)', [randomUUID(), names[index]]);
    expect(await consumer.applyNew(run, writes, { asRows: true })).toEqual([0, 1]);
    // The effect's first INSERT was refused before it reached the database (so the statement
    // unit ends there); then the ids and both writes are one transaction.
    expect(units.splice(0)).toEqual([
      ['statement', 'INSERT'],
      ['transaction', 'INSERT', 'INSERT', 'INSERT'],
    ]);
    const written = () =>
      count(db, "SELECT count(*) AS n FROM sample.item WHERE name LIKE 'mislabelled %'");
    expect(await written()).toBe(2);
    // Applied once: the same run again changes nothing.
    expect(await consumer.applyNew(run, writes, { asRows: true })).toEqual([]);
    expect(await written()).toBe(2);
    // The runner takes statements again once the effects have run (the pool reuses it).
    expect(await db.unitOfWork.singleWrite((em) => em.query('SELECT 1 AS one'))).toEqual([
      { one: 1 },
    ]);
  });

  it('keeps concurrent transactions apart', async () => {
    const attempts = Array.from({ length: 30 }, (_, i) =>
      db.unitOfWork.transaction(async (em) => {
        await em.query('INSERT INTO sample.item VALUES ($1, $2)', [randomUUID(), `item ${i}`]);
        await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
        await outbox.append(em, [{ topic: 'items', envelope: envelope(`p${i}`) }]);
        if (i % 3 === 0) throw new Error(`rollback ${i}`);
      }),
    );
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(10);
    expect(await count(db, 'SELECT count(*) AS n FROM sample.item')).toBe(20);
    expect(await count(db, 'SELECT count(*) AS n FROM sample.outbox')).toBe(20);
  });

  it('deletes rows as it sends them when the outbox keeps none, and keeps them if the publish fails', async () => {
    const events = Array.from({ length: 30 }, (_, i) => envelope(`p${i % 4}`, { n: i }));
    await db.unitOfWork.transaction((em) =>
      outbox.append(
        em,
        events.map((e) => ({ topic: 'items', envelope: e })),
      ),
    );
    const failing: EventTransport = {
      publish: () => Promise.reject(new Error('broker away')),
      subscribe: () => ({ close: () => Promise.resolve() }),
    };
    await expect(
      new OutboxRelay('sample', db.unitOfWork, failing, { deleteSent: true }).relayOnce(),
    ).rejects.toThrow('broker away');
    expect(await count(db, 'SELECT count(*) AS n FROM sample.outbox WHERE sent_at IS NULL')).toBe(
      30,
    );
    const delivered: string[] = [];
    const transport = slowTransportInto(delivered);
    const relays = [1, 2].map(
      () => new OutboxRelay('sample', db.unitOfWork, transport, { batchSize: 4, deleteSent: true }),
    );
    await Promise.all(relays.map((relay) => relay.drain()));
    // Every row once, none left behind.
    expect(delivered.slice().sort()).toEqual(events.map((e) => e.eventId).sort());
    expect(await count(db, 'SELECT count(*) AS n FROM sample.outbox')).toBe(0);
  });

  it('lets two relays run at once without publishing a row twice', async () => {
    const events = Array.from({ length: 60 }, (_, i) => envelope(`p${i % 7}`));
    await db.unitOfWork.transaction((em) =>
      outbox.append(
        em,
        events.map((e) => ({ topic: 'items', envelope: e })),
      ),
    );
    const delivered: string[] = [];
    const transport = slowTransportInto(delivered);
    const relays = [1, 2].map(
      () => new OutboxRelay('sample', db.unitOfWork, transport, { batchSize: 5 }),
    );
    await Promise.all(relays.map((relay) => relay.drain()));
    expect(delivered.sort()).toEqual(events.map((e) => e.eventId).sort());
  });

  it('claims for a sole writer only when nudged since it found the outbox empty, or after a failure', async () => {
    const delivered: string[] = [];
    let failing = true;
    const transport: EventTransport = {
      publish: (messages) => {
        if (failing) return Promise.reject(new Error('broker away'));
        delivered.push(...messages.map((m) => m.key));
        return Promise.resolve();
      },
      subscribe: () => ({ close: () => Promise.resolve() }),
    };
    const relay = new OutboxRelay('sample', db.unitOfWork, transport, { soleWriter: true });
    const claims = jest.spyOn(db.unitOfWork, 'transaction');
    const write = (key: string) =>
      db.unitOfWork.transaction((em) =>
        outbox.append(em, [{ topic: 'items', envelope: envelope(key) }]),
      );
    try {
      // Rows it was not told about (a previous run's) are claimed at the start.
      await write('s1');
      await expect(relay.relayOnce()).rejects.toThrow('broker away');
      failing = false;
      // A failed claim left its rows: the next one claims again, unnudged.
      expect(await relay.relayOnce()).toBe(1);
      expect(await relay.relayOnce()).toBe(0);
      claims.mockClear();
      // Known empty: no claim, whatever is asked.
      expect(await relay.relayOnce()).toBe(0);
      await relay.drain();
      expect(claims).not.toHaveBeenCalled();
      await write('s2');
      relay.nudge();
      await relay.drain();
      expect(delivered).toEqual(['s1', 's2']);
    } finally {
      claims.mockRestore();
    }
  });

  it('purges rows delivered longer ago than the retention, never a row not yet delivered', async () => {
    await db.dataSource.query(
      `INSERT INTO sample.outbox (event_id, topic, message_key, envelope, created_at, sent_at)
       VALUES (gen_random_uuid(), 'items', 'old', '{}', now() - interval '3 minutes', now() - interval '2 minutes'),
              (gen_random_uuid(), 'items', 'recent', '{}', now() - interval '3 minutes', now() - interval '30 seconds'),
              (gen_random_uuid(), 'items', 'waiting', '{}', now() - interval '3 minutes', NULL)`,
    );
    const left = async () =>
      (
        await db.dataSource.query<{ message_key: string }[]>(
          'SELECT message_key FROM sample.outbox ORDER BY seq',
        )
      ).map((row) => row.message_key);
    expect(await new SentOutboxPurge('sample', db.unitOfWork, { keepSentMs: 60_000 }).purge()).toBe(
      1,
    );
    expect(await left()).toEqual(['recent', 'waiting']);
    expect(await new SentOutboxPurge('sample', db.unitOfWork, { keepSentMs: 0 }).purge()).toBe(1);
    expect(await left()).toEqual(['waiting']);
  });

  // PostgreSQL's autovacuum reclaims the space on its own schedule: nothing to assert there.
  if (name === 'PGlite')
    it('reuses the space of purged rows on a database without autovacuum', async () => {
      const purge = new SentOutboxPurge('sample', db.unitOfWork, { keepSentMs: 0 });
      const size = async () => {
        await db.dataSource.query('CHECKPOINT');
        return count(db, "SELECT pg_relation_size('sample.outbox') AS n");
      };
      const deliverAThousand = () =>
        db.dataSource.query(
          `INSERT INTO sample.outbox (event_id, topic, message_key, envelope, sent_at)
           SELECT gen_random_uuid(), 'items', 'k', jsonb_build_object('pad', repeat('x', 500)),
                  now() - interval '1 minute'
             FROM generate_series(1, 1000)`,
        );
      await deliverAThousand();
      const filled = await size();
      expect(filled).toBeGreaterThan(500_000);
      for (let round = 0; round < 4; round++) {
        expect(await purge.purge()).toBe(1000);
        await deliverAThousand();
      }
      // Five thousand rows went through it; without a VACUUM it would hold five times the space.
      expect(await size()).toBeLessThanOrEqual(filled * 1.5);
    });

  it("forgets one consumer's applied ids past the retention, and only those", async () => {
    const [old, recent, another] = [randomUUID(), randomUUID(), randomUUID()];
    await db.dataSource.query(
      `INSERT INTO sample.processed_events (consumer, event_id, processed_at)
       VALUES ('forgetful', $1, now() - interval '11 minutes'),
              ('forgetful', $2, now() - interval '9 minutes'),
              ('other-reader', $3, now() - interval '11 minutes')`,
      [old, recent, another],
    );
    const purge = new ProcessedEventPurge('sample', 'forgetful', db.unitOfWork, 600_000);
    expect(await purge.purge()).toBe(1);
    const left = await db.dataSource.query<{ event_id: string }[]>(
      'SELECT event_id FROM sample.processed_events WHERE event_id = ANY($1::uuid[]) ORDER BY consumer',
      [[old, recent, another]],
    );
    expect(left.map((row) => row.event_id).sort()).toEqual([recent, another].sort());
    // Within the retention a redelivery still changes nothing; past it, it would apply again.
    const consumer = new IdempotentConsumer('sample', 'forgetful', db.unitOfWork);
    const redelivered = (eventId: string) =>
      consumer.process({ ...envelope('p1'), eventId }, () => Promise.resolve());
    expect(await redelivered(recent)).toBe(false);
    expect(await redelivered(old)).toBe(true);
  });

  it('delivers as soon as it is nudged after a commit, and stops cleanly', async () => {
    const transport = new InProcessTransport();
    const received = new Promise<string>((resolve) => {
      transport.subscribe(['items'], 'reader', (m) => {
        resolve(m.key);
        return Promise.resolve();
      });
    });
    const relay = new OutboxRelay('sample', db.unitOfWork, transport, { pollIntervalMs: 60_000 });
    relay.start();
    await db.unitOfWork.transaction((em) =>
      outbox.append(em, [{ topic: 'items', envelope: envelope('p9') }]),
    );
    relay.nudge();
    await expect(received).resolves.toBe('p9');
    await relay.stop();
    expect(await count(db, 'SELECT count(*) AS n FROM sample.outbox WHERE sent_at IS NULL')).toBe(
      0,
    );
  });

  // Not timed: the gather is longer than any test, so the commits behind the nudge always fall in
  // it; the stop cuts it short and the drain shows what the loop had left for one batch. That the
  // loop sends once a (default, 50 ms) gather ends is the test above.
  it('claims nothing while it gathers the commits behind a nudge', async () => {
    const batches: string[][] = [];
    const transport: EventTransport = {
      publish: (messages) => Promise.resolve(void batches.push(messages.map((m) => m.key))),
      subscribe: () => ({ close: () => Promise.resolve() }),
    };
    const relay = new OutboxRelay('sample', db.unitOfWork, transport, {
      pollIntervalMs: 60_000,
      gatherMs: 600_000,
    });
    relay.start();
    try {
      // The loop's first pass claims at once, nudged or not: let it find the outbox empty, so
      // that every commit below comes behind a nudge (on a loaded machine that pass could start
      // after g1 and g2 had committed, and send them).
      await relay.drain();
      for (const key of ['g1', 'g2', 'g3']) {
        await db.unitOfWork.transaction((em) =>
          outbox.append(em, [{ topic: 'items', envelope: envelope(key) }]),
        );
        relay.nudge();
      }
      // Time in which a relay that did not gather would have sent g1 alone.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(batches).toEqual([]);
    } finally {
      await relay.stop();
    }
    expect(batches).toEqual([]);
    await relay.drain();
    expect(batches).toEqual([['g1', 'g2', 'g3']]);
  });

  it('ends a drain only after the batch its loop had claimed is delivered', async () => {
    let claimed!: () => void;
    const publishing = new Promise<void>((resolve) => (claimed = resolve));
    const delivered: string[] = [];
    const slow: EventTransport = {
      publish: async (messages) => {
        claimed();
        await new Promise((resolve) => setTimeout(resolve, 300));
        delivered.push(...messages.map((m) => m.key));
      },
      subscribe: () => ({ close: () => Promise.resolve() }),
    };
    const relay = new OutboxRelay('sample', db.unitOfWork, slow, { gatherMs: 0 });
    await db.unitOfWork.transaction((em) =>
      outbox.append(em, [{ topic: 'items', envelope: envelope('d1') }]),
    );
    relay.start();
    try {
      await publishing;
      // The loop holds d1's row locked: a drain that skipped it would find nothing to wait for.
      await relay.drain();
      expect(delivered).toEqual(['d1']);
    } finally {
      await relay.stop();
    }
  });

  if (name === 'PostgreSQL')
    it('runs migrations safely when several processes start together', async () => {
      const others = await Promise.all([1, 2, 3].map(() => openDatabase(config, [unit])));
      await Promise.all(others.map((other) => other.close()));
      expect(await count(db, 'SELECT count(*) AS n FROM biogate_migrations')).toBe(1);
    });
  else
    it('gives every database opened in a process its own tables, closed on its own', async () => {
      const other = await openDatabase(config, [unit]);
      try {
        await other.dataSource.query('INSERT INTO sample.item VALUES ($1, $2)', [
          randomUUID(),
          'elsewhere',
        ]);
        expect(await count(other, 'SELECT count(*) AS n FROM sample.item')).toBe(1);
        expect(await count(db, 'SELECT count(*) AS n FROM sample.item')).toBe(0);
      } finally {
        await other.close();
      }
      // Closing the other database left this one open.
      expect(await count(db, 'SELECT count(*) AS n FROM biogate_migrations')).toBe(1);
    }, 30_000);
});

/** The unit of work, noting each unit it ran (a transaction or a statement) and its statements. */
function notingUnits(unitOfWork: UnitOfWork): { units: string[][]; noted: UnitOfWork } {
  const units: string[][] = [];
  const watched = (kind: string, em: EntityManager): EntityManager => {
    const unit = [kind];
    units.push(unit);
    return new Proxy(em, {
      get: (target, key, receiver): unknown =>
        key === 'query'
          ? (sql: string, parameters?: unknown[]): Promise<unknown> => {
              unit.push(sql.trim().split(/\s+/)[0] ?? '');
              return target.query(sql, parameters);
            }
          : Reflect.get(target, key, receiver),
    });
  };
  return {
    units,
    noted: {
      transaction: (work) => unitOfWork.transaction((em) => work(watched('transaction', em))),
      singleWrite: (work) => unitOfWork.singleWrite((em) => work(watched('statement', em))),
      read: (work) => unitOfWork.read(work),
      afterCommit: (em, effect) => {
        unitOfWork.afterCommit(em, effect);
      },
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { openDatabase, type OpenDatabase, type PersistenceUnit } from '@biogate/persistence';
import {
  BOTH_DATABASES,
  postgresDatabase,
  type ProvisionedDatabase,
} from '../support/both-databases';

class StatementsSchema1700000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA statements');
    await q.query(
      `CREATE TABLE statements.item (id uuid PRIMARY KEY, label text NOT NULL, at timestamptz,
         day date, ok boolean, facts jsonb, tags text[], n bigint)`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP SCHEMA statements CASCADE');
  }
}

const unit: PersistenceUnit = {
  name: 'statements',
  entities: [],
  migrations: [StatementsSchema1700000000001],
};

const INSERT = `INSERT INTO statements.item (id, label, at, day, ok, facts, tags, n)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

/** The statements' schema on a database of `provision`, open during the suite's tests. */
function openedForTheSuite(provision: () => Promise<ProvisionedDatabase>): { db: OpenDatabase } {
  const opened = {} as { db: OpenDatabase };
  let cleanup: () => Promise<void> = () => Promise.resolve();
  beforeAll(async () => {
    const provisioned = await provision();
    cleanup = provisioned.cleanup;
    opened.db = await openDatabase(provisioned.config, [unit]);
  }, 60_000);
  afterAll(async () => {
    await opened.db.close();
    await cleanup();
  });
  return opened;
}

/**
 * Statements with parameters are prepared once per text and then only bound (PGlitePool on
 * PGlite, PreparedStatementClient on PostgreSQL): the same values, answers and errors as
 * before, on both databases.
 */
describe.each(BOTH_DATABASES)('prepared statements through TypeORM on %s', (_name, provision) => {
  const opened = openedForTheSuite(provision);

  it('stores and reads every kind of value the services send, the same on both', async () => {
    const id = randomUUID();
    const at = new Date('2025-11-30T17:30:00.000Z');
    await opened.db.dataSource.query(INSERT, [
      id,
      'first',
      at,
      '2025-12-01',
      false,
      JSON.stringify({ gate: 'A1' }),
      ['a', 'b c'],
      '9007199254740993',
    ]);
    const rows = await opened.db.dataSource.query<Record<string, unknown>[]>(
      `SELECT label, at, to_char(day, 'YYYY-MM-DD') AS day, ok, facts, tags, n::text AS n
         FROM statements.item WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([
      {
        label: 'first',
        at,
        day: '2025-12-01',
        ok: false,
        facts: { gate: 'A1' },
        tags: ['a', 'b c'],
        n: '9007199254740993',
      },
    ]);
  });

  it('runs one text many times with other values, in and out of transactions', async () => {
    const ids = Array.from({ length: 12 }, () => randomUUID());
    for (const [i, id] of ids.entries()) {
      const values = [id, `n${i}`, null, null, i % 2 === 0, null, null, i];
      if (i % 3 === 0)
        await opened.db.unitOfWork.transaction((em) =>
          em.query(INSERT, values).then(() => undefined),
        );
      else await opened.db.dataSource.query(INSERT, values);
    }
    for (const [i, id] of ids.entries()) {
      const [row] = await opened.db.dataSource.query<{ label: string; ok: boolean }[]>(
        'SELECT label, ok FROM statements.item WHERE id = $1',
        [id],
      );
      expect(row).toEqual({ label: `n${i}`, ok: i % 2 === 0 });
    }
    // Prepared in the session, not parsed afresh each time.
    const runner = opened.db.dataSource.createQueryRunner();
    try {
      await runner.query('SELECT label, ok FROM statements.item WHERE id = $1', [ids[0]]);
      const prepared = (await runner.query(
        'SELECT statement FROM pg_prepared_statements WHERE statement LIKE $1',
        ['%statements.item WHERE id%'],
      )) as { statement: string }[];
      expect(prepared.map((p) => p.statement)).toContain(
        'SELECT label, ok FROM statements.item WHERE id = $1',
      );
    } finally {
      await runner.release();
    }
  });

  it('keeps the error codes the unit of work reads (a lost race runs again)', async () => {
    const id = randomUUID();
    const values = [id, 'once', null, null, null, null, null, null];
    await opened.db.dataSource.query(INSERT, values);
    await expect(opened.db.dataSource.query(INSERT, values)).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23505' }),
    });
    // A value the server refuses at Bind, then the same text with a good one.
    const select = 'SELECT label FROM statements.item WHERE id = $1';
    await expect(opened.db.dataSource.query(select, ['not-a-uuid'])).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '22P02' }),
    });
    expect(await opened.db.dataSource.query(select, [id])).toEqual([{ label: 'once' }]);
  });

  it('rolls a failed unit back and leaves the connection usable', async () => {
    const id = randomUUID();
    await expect(
      opened.db.unitOfWork.transaction(async (em) => {
        await em.query(INSERT, [id, 'rolled back', null, null, null, null, null, null]);
        await em.query('SELECT $1::int', ['x']);
      }),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '22P02' }) });
    expect(
      await opened.db.dataSource.query(
        'SELECT count(*)::int AS n FROM statements.item WHERE id = $1',
        [id],
      ),
    ).toEqual([{ n: 0 }]);
  });

  describe('a transaction opened with its first statement', () => {
    /** A connection of its own, with the insert and the probe prepared on it already. */
    async function preparedRunner() {
      const runner = opened.db.dataSource.createQueryRunner();
      await runner.connect();
      await runner.query(INSERT, [randomUUID(), 'warm', null, null, null, null, null, null]);
      await runner.query(PROBE, [0]);
      return runner;
    }
    const PROBE = 'SELECT txid_current()::text AS tx, $1::int AS n';
    const count = async (id: string) =>
      (
        await opened.db.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM statements.item WHERE id = $1',
          [id],
        )
      )[0]?.n;

    it('runs that statement inside it: a rollback undoes it', async () => {
      const runner = await preparedRunner();
      const id = randomUUID();
      try {
        await runner.startTransaction();
        await runner.query(INSERT, [id, 'undone', null, null, null, null, null, null]);
        await runner.rollbackTransaction();
      } finally {
        await runner.release();
      }
      expect(await count(id)).toBe(0);
    });

    it('runs every statement of it in one transaction, and the next ones outside it', async () => {
      const runner = await preparedRunner();
      try {
        await runner.startTransaction();
        const [first] = (await runner.query(PROBE, [1])) as { tx: string }[];
        const [second] = (await runner.query(PROBE, [2])) as { tx: string }[];
        await runner.commitTransaction();
        expect(second?.tx).toBe(first?.tx);
        const [after] = (await runner.query(PROBE, [3])) as { tx: string }[];
        const [later] = (await runner.query(PROBE, [4])) as { tx: string }[];
        expect(after?.tx).not.toBe(first?.tx);
        expect(later?.tx).not.toBe(after?.tx);
      } finally {
        await runner.release();
      }
    });

    it('rolls back when that statement fails, and the connection goes on', async () => {
      const runner = await preparedRunner();
      const taken = randomUUID();
      const next = randomUUID();
      try {
        await runner.query(INSERT, [taken, 'there', null, null, null, null, null, null]);
        await runner.startTransaction();
        await expect(
          runner.query(INSERT, [taken, 'again', null, null, null, null, null, null]),
        ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23505' }) });
        await runner.rollbackTransaction();
        await runner.startTransaction();
        await runner.query(INSERT, [next, 'next', null, null, null, null, null, null]);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
      expect(await count(taken)).toBe(1);
      expect(await count(next)).toBe(1);
    });

    it('leaves nothing open after a transaction that ran no statement', async () => {
      const runner = await preparedRunner();
      try {
        await runner.startTransaction();
        await runner.commitTransaction();
        await runner.startTransaction();
        await runner.rollbackTransaction();
        const [one] = (await runner.query(PROBE, [1])) as { tx: string }[];
        const [two] = (await runner.query(PROBE, [2])) as { tx: string }[];
        expect(two?.tx).not.toBe(one?.tx);
      } finally {
        await runner.release();
      }
    });
  });
});

/** node-postgres's connection under a TypeORM query runner: what it sends. */
interface WireConnection {
  describe(message: unknown): void;
}

/**
 * On PostgreSQL a prepared statement's rows are described once (`PreparedStatementClient`): later
 * runs only bind and execute it, and node-postgres reads their rows through the first
 * description. The same answers, every value's type included.
 */
describe('rows described once, on PostgreSQL', () => {
  const opened = openedForTheSuite(postgresDatabase);

  it('sends the Describe once per statement, and reads every later run the same', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const runner = opened.db.dataSource.createQueryRunner();
    const client = (await runner.connect()) as { connection: WireConnection };
    const describe = jest.spyOn(client.connection, 'describe');
    try {
      for (const [i, id] of ids.entries()) {
        await runner.query(INSERT, [
          id,
          `item ${i}`,
          new Date(Date.UTC(2025, 11, 1, i)),
          '2025-12-01',
          i === 1 ? null : i === 0,
          JSON.stringify({ i }),
          [`t${i}`],
          String(2 ** 53 + i),
        ]);
      }
      const read = 'SELECT label, at, ok, facts, tags, n, day FROM statements.item WHERE id = $1';
      const rows = [];
      for (const id of ids)
        rows.push(...((await runner.query(read, [id])) as Record<string, unknown>[]));
      // A statement that returns no rows, described as such once.
      const none = 'SELECT label FROM statements.item WHERE id = $1 AND false';
      expect(await runner.query(none, [ids[0]])).toEqual([]);
      expect(await runner.query(none, [ids[1]])).toEqual([]);

      expect(rows).toEqual(
        ids.map((_, i) => ({
          label: `item ${i}`,
          at: new Date(Date.UTC(2025, 11, 1, i)),
          ok: i === 1 ? null : i === 0,
          facts: { i },
          tags: [`t${i}`],
          n: String(2 ** 53 + i),
          day: expect.any(Date) as unknown,
        })),
      );
      // The insert, the read and the empty read, each once; unpatched, every run describes.
      expect(describe).toHaveBeenCalledTimes(3);
    } finally {
      describe.mockRestore();
      await runner.release();
    }
  });
});

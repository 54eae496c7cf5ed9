import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CHECKPOINT_EVERY_COMMITS, openPGlite, PGlitePool } from './pglite-pool';

describe('PGlitePool', () => {
  let db: PGlite;
  let pool: PGlitePool;

  beforeAll(async () => {
    db = await PGlite.create();
    pool = new PGlitePool(db);
    await pool.query(
      `CREATE TABLE item (id uuid PRIMARY KEY, label text NOT NULL, at timestamptz,
         ok boolean, facts jsonb, tags text[], bytes bytea)`,
    );
  }, 30_000);

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => {
      pool.end((error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  });

  beforeEach(async () => {
    await pool.query('TRUNCATE item');
  });

  const insert =
    'INSERT INTO item (id, label, at, ok, facts, tags, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7)';

  it('encodes values as node-postgres does and reads them back typed', async () => {
    const id = randomUUID();
    const at = new Date('2025-12-01T00:30:00.000Z');
    await pool.query(insert, [
      id,
      'a',
      at,
      true,
      { gate: 'A1', n: 2 },
      ['x', 'y,z'],
      Buffer.from([1, 2]),
    ]);
    const { rows } = await pool.query('SELECT * FROM item WHERE id = $1', [id]);
    expect(rows).toEqual([
      {
        id,
        label: 'a',
        at,
        ok: true,
        facts: { gate: 'A1', n: 2 },
        tags: ['x', 'y,z'],
        bytes: new Uint8Array([1, 2]),
      },
    ]);
  });

  it('runs a prepared text again with other values, and null as SQL NULL', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries())
      await pool.query(insert, [id, `n${i}`, null, i % 2 === 0, null, null, null]);
    const select = 'SELECT label, ok, at FROM item WHERE id = $1';
    for (const [i, id] of ids.entries())
      expect((await pool.query(select, [id])).rows).toEqual([
        { label: `n${i}`, ok: i % 2 === 0, at: null },
      ]);
  });

  it('reports the rows an UPDATE touched, as TypeORM reads them (rowCount)', async () => {
    await pool.query(insert, [randomUUID(), 'a', null, null, null, null, null]);
    await pool.query(insert, [randomUUID(), 'a', null, null, null, null, null]);
    const result = await pool.query('UPDATE item SET label = $1 WHERE label = $2', ['b', 'a']);
    expect(result).toMatchObject({ command: 'UPDATE', rowCount: 2 });
  });

  it('throws the database error with its code, and the statement still works after', async () => {
    const id = randomUUID();
    const select = 'SELECT label FROM item WHERE id = $1';
    await pool.query(insert, [id, 'a', null, null, null, null, null]);
    // Parse succeeds, Bind fails: the name was prepared and must be reused, not prepared twice.
    await expect(pool.query(select, ['not-a-uuid'])).rejects.toMatchObject({ code: '22P02' });
    expect((await pool.query(select, [id])).rows).toEqual([{ label: 'a' }]);
    await expect(
      pool.query(insert, [id, 'again', null, null, null, null, null]),
    ).rejects.toMatchObject({ code: '23505', constraint: 'item_pkey' });
    await expect(pool.query('SELEC nonsense $1', [1])).rejects.toMatchObject({ code: '42601' });
  });

  it('prepares a statement afresh when its table changed shape under it', async () => {
    await pool.query(insert, [randomUUID(), 'a', null, null, null, null, null]);
    const select = 'SELECT * FROM item WHERE label = $1';
    expect((await pool.query(select, ['a'])).rows).toHaveLength(1);
    await pool.query('ALTER TABLE item ADD COLUMN extra int');
    try {
      await expect(pool.query(select, ['a'])).rejects.toMatchObject({ code: '0A000' });
      expect((await pool.query(select, ['a'])).rows[0]).toHaveProperty('extra', null);
    } finally {
      await pool.query('ALTER TABLE item DROP COLUMN extra');
    }
  });

  it('runs text without parameters as the simple protocol, answering with the last statement', async () => {
    const result = await pool.query("SELECT 1 AS one; SELECT 'two' AS two");
    expect(result.rows).toEqual([{ two: 'two' }]);
  });

  it.each([
    [
      'integers',
      `SELECT 1::int2 AS a, 2::int4 AS b, 9007199254740993::int8 AS c, 1.50::numeric AS d`,
    ],
    [
      'floats and text',
      `SELECT 1.25::float8 AS a, 2.5::float4 AS b, 'é'::text AS c, 'x'::varchar AS d`,
    ],
    [
      'times',
      `SELECT '2025-12-01'::date AS a, '2025-12-01 07:00'::timestamp AS b,
                  '2025-12-01 07:00+07'::timestamptz AS c, '1 day'::interval AS d`,
    ],
    [
      'json, uuid, bytea',
      `SELECT '{"a":[1]}'::json AS a, '{"b":null}'::jsonb AS b,
                  '6f1c1c7e-8f3a-4c52-9f54-3f0f4c6b7d21'::uuid AS c, '\\x0102'::bytea AS d`,
    ],
    [
      'arrays and nulls',
      `SELECT ARRAY[1,2]::int[] AS a, ARRAY['x', NULL]::text[] AS b,
                  NULL::int AS c, NULL::jsonb AS d`,
    ],
    ['several rows', `SELECT n, n::text AS t FROM generate_series(1, 3) n`],
  ])('reads %s as PGlite itself does', async (_, sql) => {
    expect((await pool.query(sql, [])).rows).toEqual((await db.query(sql)).rows);
  });

  it('counts the rows each command touched, and those of the whole call, as PGlite does', async () => {
    const sql = `INSERT INTO item (id, label) VALUES (gen_random_uuid(), 'a'), (gen_random_uuid(), 'b');
                 UPDATE item SET label = 'c' WHERE label = 'a'`;
    const mine = await pool.query(sql);
    const theirs = (await db.exec(sql)).at(-1);
    expect(mine).toMatchObject({ command: 'UPDATE', rowCount: 1, affectedRows: 3 });
    expect(theirs).toMatchObject({ affectedRows: 3 });
  });

  it('reads a reply larger than one piece the database writes, rows split across pieces', async () => {
    const { rows } = await pool.query(
      `SELECT n, repeat('y', n % 300) AS text FROM generate_series(1, 20000) n`,
      [],
    );
    expect(rows).toHaveLength(20_000);
    expect(rows[12_345]).toEqual({ n: 12_346, text: 'y'.repeat(12_346 % 300) });
    expect(rows[19_999]).toEqual({ n: 20_000, text: 'y'.repeat(20_000 % 300) });
  });

  describe('a transaction opens with its first statement', () => {
    const calls = () => jest.spyOn(db, 'execProtocolRawStream');

    afterEach(() => {
      jest.restoreAllMocks();
    });

    it('sends START TRANSACTION with the first statement, in one call, and commits both', async () => {
      const execProtocol = calls();
      await pool.query('START TRANSACTION');
      expect(execProtocol).not.toHaveBeenCalled();
      await pool.query(insert, [randomUUID(), 'kept', null, null, null, null, null]);
      expect(db.isInTransaction()).toBe(true);
      await pool.query('COMMIT');
      expect(execProtocol).toHaveBeenCalledTimes(2);
      expect((await pool.query('SELECT label FROM item')).rows).toEqual([{ label: 'kept' }]);
    });

    it('rolls the first statement back with the transaction, simple protocol or not', async () => {
      await pool.query('BEGIN');
      await pool.query(insert, [randomUUID(), 'undone', null, null, null, null, null]);
      await pool.query("INSERT INTO item (id, label) VALUES (gen_random_uuid(), 'undone too')");
      await pool.query('ROLLBACK');
      expect(db.isInTransaction()).toBe(false);
      expect((await pool.query('SELECT label FROM item')).rows).toEqual([]);
    });

    it('sends nothing for a transaction that ran nothing', async () => {
      const execProtocol = calls();
      await pool.query('START TRANSACTION');
      await pool.query('COMMIT');
      await pool.query('START TRANSACTION');
      await pool.query('ROLLBACK');
      expect(execProtocol).not.toHaveBeenCalled();
      // The next statement runs on its own, committed at once.
      await pool.query(insert, [randomUUID(), 'alone', null, null, null, null, null]);
      expect(db.isInTransaction()).toBe(false);
    });

    it('leaves a transaction whose first statement failed aborted until it is rolled back', async () => {
      const id = randomUUID();
      await pool.query(insert, [id, 'first', null, null, null, null, null]);
      await pool.query('START TRANSACTION');
      await expect(
        pool.query(insert, [id, 'again', null, null, null, null, null]),
      ).rejects.toMatchObject({ code: '23505' });
      await expect(pool.query('SELECT 1 AS one', [])).rejects.toMatchObject({ code: '25P02' });
      await pool.query('ROLLBACK');
      expect((await pool.query('SELECT label FROM item')).rows).toEqual([{ label: 'first' }]);
    });
  });

  it('checkpoints every CHECKPOINT_EVERY_COMMITS commits, keeping 32 MB of log at most for reuse', async () => {
    const opened = await openPGlite(undefined);
    const own = new PGlitePool(opened);
    const checkpoint = async () =>
      (await own.query('SELECT checkpoint_lsn::text AS lsn FROM pg_control_checkpoint()')).rows;
    try {
      const { rows } = await own.query(
        "SELECT current_setting('max_wal_size') AS max, current_setting('min_wal_size') AS min",
      );
      expect(rows).toEqual([{ max: '32MB', min: '32MB' }]);
      await own.query('CREATE TABLE tick (n int)');
      const start = await checkpoint();
      for (let n = 1; n <= CHECKPOINT_EVERY_COMMITS; n++) {
        await own.query('START TRANSACTION');
        await own.query('INSERT INTO tick VALUES ($1)', [n]);
        await own.query('COMMIT');
        if (n === CHECKPOINT_EVERY_COMMITS - 1) expect(await checkpoint()).toEqual(start);
      }
      expect(await checkpoint()).not.toEqual(start);
    } finally {
      await opened.close();
    }
  }, 60_000);

  it.each([
    ['in memory', false, { buffers: '16MB', fullPages: 'off' }],
    ['in a directory', true, { buffers: '128MB', fullPages: 'on' }],
  ])(
    'keeps a database %s with the shared buffers and whole-page logging it needs',
    async (_where, inDirectory, expected) => {
      const dir = inDirectory ? await mkdtemp(join(tmpdir(), 'biogate-pglite-')) : undefined;
      const opened = await openPGlite(dir);
      try {
        const { rows } = await opened.query(
          `SELECT current_setting('shared_buffers') AS buffers,
                  current_setting('full_page_writes') AS "fullPages"`,
        );
        expect(rows).toEqual([expected]);
      } finally {
        await opened.close();
        if (dir !== undefined) await rm(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

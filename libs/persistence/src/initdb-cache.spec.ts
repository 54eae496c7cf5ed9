import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { InitdbCache } from './initdb-cache';
import { openPGlite } from './pglite-pool';

// Each test starts PGlite two or three times (seconds each on a busy machine).
jest.setTimeout(60_000);

describe('openPGlite with an InitdbCache', () => {
  let directory: string;
  const opened: PGlite[] = [];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'biogate-initdb-'));
  });

  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function open(cache: InitdbCache): Promise<PGlite> {
    const db = await openPGlite(undefined, cache);
    opened.push(db);
    return db;
  }

  it('keeps the fresh cluster at the first start and starts the next from it', async () => {
    const cache = new InitdbCache(directory);
    const first = await open(cache);
    expect(statSync(cache.file).size).toBeGreaterThan(100_000);
    await first.exec('CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)');

    const create = jest.spyOn(PGlite, 'create');
    const second = await open(cache);
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ loadDataDir: expect.any(Blob) }));
    create.mockRestore();
    // Fresh: the cluster was kept before the first database wrote anything.
    const tables = await second.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'kept'`,
    );
    expect(tables.rows).toEqual([{ n: 0 }]);
    await second.exec('CREATE TABLE mine (n int); INSERT INTO mine VALUES (2)');
    expect((await second.query('SELECT n FROM mine')).rows).toEqual([{ n: 2 }]);
  });

  it('runs initdb again, and keeps its cluster, when the kept one does not load', async () => {
    const cache = new InitdbCache(directory);
    writeFileSync(cache.file, 'not a tar');
    const db = await open(cache);
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(readFileSync(cache.file).length).toBeGreaterThan(100_000);
  });

  it('starts all the same where nothing can be kept', async () => {
    writeFileSync(join(directory, 'a-file'), '');
    const cache = new InitdbCache(join(directory, 'a-file', 'below'));
    const db = await open(cache);
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(cache.read()).toBeUndefined();
  });
});

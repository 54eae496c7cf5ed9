import type { PGlite } from '@electric-sql/pglite';
import {
  GROWN_IN_PLACE_FROM,
  growFilesInPlace,
  growMemoryFilesInPlace,
  type MemoryFile,
  type MemoryFileSystem,
} from './memory-file-growth';
import { openPGlite } from './pglite-pool';

const MiB = 1 << 20;

/** Emscripten's own growth: a new array an eighth larger (doubling below 1 MiB), copied. */
function emscriptenFiles(): MemoryFileSystem & { copies: number } {
  const files = {
    copies: 0,
    expandFileStorage(file: MemoryFile, needed: number) {
      const capacity = file.contents.length;
      if (capacity >= needed) return;
      files.copies += 1;
      const grown = new Uint8Array(Math.max(needed, capacity * (capacity < MiB ? 2 : 1.125)));
      grown.set(file.contents.subarray(0, file.usedBytes));
      file.contents = grown;
    },
  };
  return files;
}

/** Writes `bytes` at the end of the file, as MEMFS's write does. */
function append(files: MemoryFileSystem, file: MemoryFile, bytes: Uint8Array): void {
  files.expandFileStorage(file, file.usedBytes + bytes.length);
  file.contents.set(bytes, file.usedBytes);
  file.usedBytes += bytes.length;
}

function page(n: number): Uint8Array {
  return new Uint8Array(8192).fill(n % 251);
}

describe('growMemoryFilesInPlace', () => {
  it('leaves a small file to Emscripten, copied as before', () => {
    const files = emscriptenFiles();
    growMemoryFilesInPlace(files);
    const file: MemoryFile = { contents: new Uint8Array(0), usedBytes: 0 };
    for (let n = 0; file.usedBytes + 8192 <= GROWN_IN_PLACE_FROM; n++) append(files, file, page(n));
    expect(files.copies).toBeGreaterThan(0);
    expect((file.contents.buffer as ArrayBuffer & { resizable: boolean }).resizable).toBe(false);
  });

  it('moves a file past 1 MiB once, then grows it in place with every byte kept', () => {
    const files = emscriptenFiles();
    growMemoryFilesInPlace(files);
    const file: MemoryFile = { contents: new Uint8Array(0), usedBytes: 0 };
    for (let n = 0; file.usedBytes < GROWN_IN_PLACE_FROM; n++) append(files, file, page(n));
    const copiesBelow = files.copies;
    append(files, file, page(999));
    const buffer = file.contents.buffer;
    for (let n = 0; n < 2_000; n++) append(files, file, page(n + 1000)); // to about 17 MiB
    expect(files.copies).toBe(copiesBelow);
    expect(file.contents.buffer).toBe(buffer);
    expect(file.usedBytes).toBe(GROWN_IN_PLACE_FROM + 2_001 * 8192);
    expect(file.contents.length).toBeGreaterThanOrEqual(file.usedBytes);
    expect(file.contents[0]).toBe(0);
    expect(file.contents[GROWN_IN_PLACE_FROM + 8192 * 1500]).toBe((1000 + 1499) % 251);
    expect(file.contents[file.usedBytes - 1]).toBe((1000 + 1999) % 251);
  });

  it('moves a file that outgrows its reservation to a larger one, keeping its bytes', () => {
    const files = emscriptenFiles();
    growMemoryFilesInPlace(files);
    const file: MemoryFile = { contents: new Uint8Array(2 * MiB).fill(7), usedBytes: 2 * MiB };
    append(files, file, page(1));
    const first = file.contents.buffer as ArrayBuffer & { maxByteLength: number };
    files.expandFileStorage(file, first.maxByteLength + 1);
    expect(file.contents.buffer).not.toBe(first);
    expect(file.contents.length).toBeGreaterThan(first.maxByteLength);
    expect(file.contents[2 * MiB - 1]).toBe(7);
    expect(file.contents[2 * MiB]).toBe(1);
    expect(file.contents[2 * MiB + 8192]).toBe(0);
  });

  it('is installed once, however often it is asked', () => {
    const files = emscriptenFiles();
    growMemoryFilesInPlace(files);
    const installed = files.expandFileStorage;
    growMemoryFilesInPlace(files);
    expect(files.expandFileStorage).toBe(installed);
  });
});

describe('growFilesInPlace on PGlite', () => {
  it('changes nothing where PGlite has no file system it knows', () => {
    expect(growFilesInPlace({} as PGlite)).toBe(false);
  });

  it('grows a table of a database in memory in place, and reads every row back', async () => {
    const db = await openPGlite(undefined);
    try {
      await db.exec('CREATE TABLE item (n int PRIMARY KEY, label text NOT NULL)');
      const insert = (from: number, to: number) =>
        db.query(
          `INSERT INTO item SELECT n, repeat('x', 200) || n FROM generate_series($1::int, $2::int) n`,
          [from, to],
        );
      await insert(1, 10_000); // about 2.3 MiB
      const { rows } = await db.query<{ path: string }>(
        `SELECT current_setting('data_directory') || '/' || pg_relation_filepath('item') AS path`,
      );
      const fs = (db as unknown as { mod: { FS: { lookupPath(p: string): { node: MemoryFile } } } })
        .mod.FS;
      const file = () => fs.lookupPath(rows[0]?.path ?? '').node;
      const buffer = file().contents.buffer as ArrayBuffer & { resizable: boolean };
      expect(buffer.resizable).toBe(true);
      await insert(10_001, 40_000);
      expect(file().contents.buffer).toBe(buffer);
      expect(file().usedBytes).toBeGreaterThan(8 * MiB);
      const counted = await db.query<{ count: number; last: string }>(
        `SELECT count(*)::int AS count, max(label) FILTER (WHERE n = 40000) AS last FROM item`,
      );
      expect(counted.rows).toEqual([{ count: 40_000, last: `${'x'.repeat(200)}40000` }]);
    } finally {
      await db.close();
    }
  }, 60_000);
});

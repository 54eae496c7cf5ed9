import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/**
 * The cluster PGlite's initdb makes, kept on this machine. A PGlite in memory runs initdb at
 * every start (2.5-4.4 s measured, most of a service's or a test's start); what it makes is the
 * same every time for one PGlite release, so the first start keeps it (a gzipped tar of about
 * 4.5 MB, under the release's version) and the next ones load it (about 1 s). It is only a cache:
 * one that cannot be read or written changes nothing but the time.
 */
export class InitdbCache {
  readonly file: string;

  constructor(directory: string = join(tmpdir(), 'biogate-pglite')) {
    this.file = join(directory, `initdb-${pgliteVersion()}.tar.gz`);
  }

  /** The kept cluster, if there is one. */
  read(): Blob | undefined {
    try {
      return new Blob([readFileSync(this.file)]);
    } catch {
      return undefined;
    }
  }

  /** Keeps the cluster of `db`, which must be fresh from initdb (nothing written to it yet). */
  async keep(db: PGlite): Promise<void> {
    try {
      const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
      mkdirSync(dirname(this.file), { recursive: true });
      // Written aside, then renamed: a process that reads it meanwhile sees all of it or none.
      const aside = `${this.file}.${process.pid}.tmp`;
      writeFileSync(aside, dump);
      renameSync(aside, this.file);
    } catch {
      // A cache: the next start runs initdb again.
    }
  }

  /** Drops a kept cluster that would not load. */
  forget(): void {
    rmSync(this.file, { force: true });
  }
}

function pgliteVersion(): string {
  // Not among the package's exports: read beside its entry point (dist/index.cjs).
  const entry = require.resolve('@electric-sql/pglite');
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

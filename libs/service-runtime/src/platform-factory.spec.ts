import type { DatabaseConfig } from '@biogate/persistence';
import { outboxRetentionOf, processedEventRetentionOf } from './platform-factory';

const IN_MEMORY: DatabaseConfig = { kind: 'pglite' };
const IN_DIRECTORY: DatabaseConfig = { kind: 'pglite', dataDir: '/var/lib/biogate' };
const SERVER: DatabaseConfig = { kind: 'postgres', url: 'postgres://postgres@127.0.0.1/biogate' };

describe('outboxRetentionOf', () => {
  it.each([
    ['PGlite in memory, nobody else can read it', IN_MEMORY, 0],
    ['PGlite in a directory', IN_DIRECTORY, 60_000],
    ['PostgreSQL', SERVER, 60_000],
  ])('keeps delivered rows by default on %s', (_, database, keepSentMs) => {
    expect(outboxRetentionOf({}, database)).toEqual({ keepSentMs });
  });

  it.each([IN_MEMORY, IN_DIRECTORY, SERVER])('keeps what the environment says on %j', (db) => {
    expect(outboxRetentionOf({ BIOGATE_OUTBOX_RETENTION_SECONDS: 90 }, db)).toEqual({
      keepSentMs: 90_000,
    });
    expect(outboxRetentionOf({ BIOGATE_OUTBOX_RETENTION_SECONDS: 0 }, db)).toEqual({
      keepSentMs: 0,
    });
  });
});

describe('processedEventRetentionOf', () => {
  it.each([
    ['PGlite in memory with the in-process transport', IN_MEMORY, 'in-process', 60_000],
    ['PGlite in memory fed by Kafka', IN_MEMORY, 'kafka', undefined],
    ['PGlite in a directory', IN_DIRECTORY, 'in-process', undefined],
    ['PostgreSQL', SERVER, 'kafka', undefined],
  ] as const)('on %s, applied ids are kept %s ms (undefined: for good)', (_, db, via, keepMs) => {
    expect(processedEventRetentionOf(db, via).keepMs).toBe(keepMs);
  });
});

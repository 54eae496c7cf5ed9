import { EventEmitter } from 'node:events';
import { PGlite, types, type Results } from '@electric-sql/pglite';
import { prepareValue } from 'pg/lib/utils';
import { DatabaseError, parse as parseBackendMessages, serialize } from 'pg-protocol';
import type {
  CommandCompleteMessage,
  DataRowMessage,
  RowDescriptionMessage,
} from 'pg-protocol/dist/messages';
import { InitdbCache } from './initdb-cache';
import { growFilesInPlace } from './memory-file-growth';
import { CLOSING, OPENING } from './transaction-statements';

/** A message from the database, as node-postgres's protocol parser gives it. */
type BackendMessage = Parameters<Parameters<typeof parseBackendMessages>[1]>[0];

/** Beyond this many distinct statements a text runs unnamed (parsed and planned every time). */
const MAX_PREPARED_STATEMENTS = 2_000;

const NOTHING: Results = { rows: [], fields: [] };
const COMMIT = /^\s*COMMIT\s*;?\s*$/i;

/**
 * PGlite runs PostgreSQL single-user, where nothing ever checkpoints on its own (the checkpointer
 * and the log-volume trigger exist only under a postmaster), so the write-ahead log was never
 * removed and in memory every segment stayed in the process: SGN's whole live day left 1.2 GB of
 * it, beside a 0.9 GB database. A live day writes about 3.5 kB of log a transaction: a
 * checkpoint every 20,000 commits (about 70 MB) keeps the log to a few segments. Each writes
 * every dirty page out; whole-day runs measured 91 passengers/s checkpointing every 5,000
 * commits, 78 every 20,000 and 96-98 never, on a machine whose rate moves that much by itself.
 */
export const CHECKPOINT_EVERY_COMMITS = 20_000;

/**
 * The `pg`-shaped pool TypeORM drives (`driver: { Pool }`), over one PGlite database that belongs
 * to this pool alone (typeorm-pglite keeps one database per process, so two applications in one
 * process shared their tables).
 *
 * A statement with parameters is sent in one call as Parse/Bind/Describe/Execute/Sync, prepared
 * under a name the first time its text is seen and only bound after that: PGlite's own `query`
 * makes six calls into the database per statement (it asks for the parameter types first) and
 * parses and plans the text every time; measured, that was 250-370 µs of 40-odd statements per
 * journey against 100-220 µs this way. Parameters are encoded as node-postgres encodes them, so
 * a value means the same on PGlite as on a PostgreSQL server.
 *
 * A plain `START TRANSACTION` is held back and sent with the transaction's first statement, in
 * the same call (a call costs 60-80 µs of PGlite before any work; a live day opens 7
 * transactions a passenger); a transaction that ran nothing is not sent at all. This is one
 * database session: the unit of work runs PGlite's transactions one at a time.
 */
export class PGlitePool extends EventEmitter {
  private readonly prepared = new Map<string, string>();
  private statements = 0;
  /** The text of a transaction's opening, held until its first statement. */
  private opening: string | undefined;
  private commitsSinceCheckpoint = 0;
  /**
   * The database's replies reach node-postgres's protocol parser as a socket's bytes would: its
   * `parse` reads 'data' events from a stream, here emitted for each piece the database writes.
   */
  private readonly wire = new EventEmitter();
  /** Where the parser puts the replies of the call under way. */
  private replies: BackendMessage[] | undefined;

  /**
   * @param durable the database is kept in a directory: written out after each statement outside
   *   a transaction (and after each COMMIT), as PGlite's own `query` does. In memory there is
   *   nothing to write out, and asking cost 20-60 µs a statement.
   */
  constructor(
    private readonly db: PGlite,
    private readonly durable = false,
  ) {
    super();
    void parseBackendMessages(this.wire as unknown as NodeJS.ReadableStream, (message) =>
      this.replies?.push(message),
    );
  }

  connect(callback: (error: Error | null, connection: PGlitePool, release: () => void) => void) {
    callback(null, this, () => undefined);
  }

  async query(text: string, values?: readonly unknown[]): Promise<Results> {
    return this.db.runExclusive(async () => {
      const simple = values === undefined || values.length === 0;
      if (simple && this.opening === undefined && OPENING.test(text)) {
        this.opening = text;
        return NOTHING;
      }
      if (simple && this.opening !== undefined && CLOSING.test(text)) {
        this.opening = undefined;
        return NOTHING;
      }
      const opening = this.opening === undefined ? [] : [serialize.query(this.opening)];
      this.opening = undefined;
      const results = simple
        ? // The simple protocol, which also runs several statements: TypeORM wants the last.
          await this.run([...opening, serialize.query(text)])
        : await this.extendedQuery(text, values, opening);
      if (simple && COMMIT.test(text)) await this.committed();
      return results[results.length - 1] ?? NOTHING;
    });
  }

  end(callback: (error: Error | null) => void): void {
    this.db.close().then(
      () => {
        callback(null);
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  /** Counts a commit; checkpoints every `CHECKPOINT_EVERY_COMMITS`. */
  private async committed(): Promise<void> {
    if (++this.commitsSinceCheckpoint < CHECKPOINT_EVERY_COMMITS) return;
    this.commitsSinceCheckpoint = 0;
    await this.run([serialize.query('CHECKPOINT')]);
  }

  private async extendedQuery(
    text: string,
    values: readonly unknown[],
    opening: readonly Uint8Array[],
  ): Promise<Results[]> {
    const known = this.prepared.get(text);
    const name =
      known ?? (this.prepared.size < MAX_PREPARED_STATEMENTS ? `s${++this.statements}` : '');
    const messages = [
      ...opening,
      ...(known === undefined ? [serialize.parse({ text, name, types: [] })] : []),
      serialize.bind({ statement: name, values: values.map((v) => prepareValue(v)) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ];
    return this.run(messages, (replies) => {
      // A name is taken once its Parse succeeded, even if Bind or Execute failed after it.
      if (known === undefined && name !== '' && replies.some((m) => m.name === 'parseComplete'))
        this.prepared.set(text, name);
      // A table changed under a prepared statement (a test's schema reset): prepare it afresh.
      if (replies.some((m) => m instanceof DatabaseError && m.code === '0A000'))
        this.prepared.delete(text);
    });
  }

  /** Sends the messages in one call; throws the database's error, else answers the results. */
  private async run(
    messages: readonly Uint8Array[],
    inspect?: (replies: readonly BackendMessage[]) => void,
  ): Promise<Results[]> {
    const replies: BackendMessage[] = [];
    this.replies = replies;
    try {
      await this.db.execProtocolRawStream(concatenated(messages), {
        syncToFs: false,
        // A view of the database's memory, valid during the call: the parser may keep a part.
        onRawData: (bytes) => this.wire.emit('data', Buffer.from(bytes)),
      });
    } finally {
      this.replies = undefined;
    }
    inspect?.(replies);
    if (this.durable && !this.db.isInTransaction()) await this.db.syncToFs();
    const failure = replies.find((m): m is DatabaseError => m instanceof DatabaseError);
    if (failure !== undefined) throw failure;
    return resultsOf(replies, typeParsersOf(this.db));
  }
}

/** A TypeORM `driver` whose pools all use `db`. */
export function pgliteDriver(db: PGlite, durable: boolean): { Pool: new () => PGlitePool } {
  return {
    Pool: class extends PGlitePool {
      constructor() {
        super(db, durable);
      }
    },
  };
}

/**
 * A checkpoint keeps, recycled for reuse, at most `max_wal_size` of the write-ahead log it no
 * longer needs (1 GB by default): 32 MB here (see `CHECKPOINT_EVERY_COMMITS`).
 */
const PGLITE_PARAMETERS = ['-c', 'max_wal_size=32MB', '-c', 'min_wal_size=32MB'];

/**
 * A database in memory keeps its files in this process's memory already: 128 MB of shared
 * buffers (PostgreSQL's default) only held a second copy of pages, and reading a page from the
 * in-memory files is a copy (SGN 07:00-08:00 ran as fast with 8, 16, 32 or 128 MB). Whole-page
 * images in the log repair pages torn by a crash of the machine mid-write; files in memory die
 * with the process, so there is nothing to repair, and the log stays a fraction as large.
 */
const IN_MEMORY_PARAMETERS = ['-c', 'shared_buffers=16MB', '-c', 'full_page_writes=off'];

/**
 * A database of its own, in memory or in `dataDir`. In memory it starts from the cluster initdb
 * made at an earlier start on this machine (`InitdbCache`), if one was kept and loads.
 */
export async function openPGlite(
  dataDir: string | undefined,
  initdb: InitdbCache = new InitdbCache(),
): Promise<PGlite> {
  const startParams = [...PGlite.defaultStartParams, ...PGLITE_PARAMETERS];
  if (dataDir !== undefined) return PGlite.create({ dataDir, startParams });
  const options = { startParams: [...startParams, ...IN_MEMORY_PARAMETERS] };
  const kept = initdb.read();
  let db: PGlite | undefined;
  if (kept !== undefined) {
    db = await PGlite.create({ ...options, loadDataDir: kept }).catch(() => {
      initdb.forget();
      return undefined;
    });
  }
  if (db === undefined) {
    db = await PGlite.create(options);
    await initdb.keep(db);
  }
  growFilesInPlace(db);
  return db;
}

type TypeParser = (text: string, typeId: number) => unknown;
type TypeParsers = Readonly<Record<number, TypeParser | undefined>>;

function typeParsersOf(db: PGlite): TypeParsers {
  // PGlite keeps its type parsers (with any the application added) on the instance.
  return (db as unknown as { parsers: TypeParsers }).parsers;
}

/** The commands whose row counts add up to a call's `affectedRows`, as PGlite counts them. */
const COUNTED_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

/**
 * The results of one call, as PGlite's `parse.parseResults` makes them (one per completed
 * command; rows keyed by column name, values through the type parsers; `affectedRows` adds up
 * over the call): written out because its `Object.fromEntries` over a `map` per row was 3% of a
 * live day's CPU.
 */
export function resultsOf(replies: readonly BackendMessage[], parsers: TypeParsers): Results[] {
  const results: Results[] = [];
  let fields: { name: string; dataTypeID: number }[] = [];
  let columnParsers: (TypeParser | undefined)[] = [];
  let rows: Record<string, unknown>[] = [];
  let affectedRows = 0;
  for (const message of replies) {
    switch (message.name) {
      case 'rowDescription':
        fields = (message as RowDescriptionMessage).fields.map(({ name, dataTypeID }) => ({
          name,
          dataTypeID,
        }));
        columnParsers = fields.map(
          ({ dataTypeID }) => parsers[dataTypeID] ?? (types.parsers as TypeParsers)[dataTypeID],
        );
        break;
      case 'dataRow': {
        const values = (message as DataRowMessage).fields as readonly (string | null)[];
        const row: Record<string, unknown> = {};
        for (let i = 0; i < values.length; i++) {
          const text = values[i];
          const field = fields[i];
          if (field === undefined) continue;
          const parser = columnParsers[i];
          row[field.name] =
            text === null || text === undefined
              ? null
              : parser === undefined
                ? text
                : parser(text, field.dataTypeID);
        }
        rows.push(row);
        break;
      }
      case 'commandComplete': {
        const words = (message as CommandCompleteMessage).text.split(' ');
        const command = words[0] ?? '';
        const count = parseInt(words[words.length - 1] ?? '', 10);
        if (COUNTED_COMMANDS.has(command)) affectedRows += count;
        results.push({
          rows,
          fields,
          command,
          affectedRows,
          ...(Number.isNaN(count) ? {} : { rowCount: count }),
        });
        fields = [];
        columnParsers = [];
        rows = [];
        break;
      }
      default: // the rest (parse and bind complete, errors, ready) carries no result
        break;
    }
  }
  return results.length === 0 ? [{ affectedRows: 0, rows: [], fields: [] }] : results;
}

function concatenated(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const message = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}

import { Client, Query, type ClientConfig, type QueryConfig, type QueryResult } from 'pg';
import { prepareValue } from 'pg/lib/utils';
import { CLOSING, OPENING } from './transaction-statements';

/** Beyond this many distinct statements a text runs unnamed (parsed and planned every time). */
const MAX_PREPARED_STATEMENTS = 2_000;

const names = new Map<string, string>();

/** The statement name of a text: the same on every connection, each preparing it once. */
function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_PREPARED_STATEMENTS) return known;
  const name = `biogate_${names.size + 1}`;
  names.set(text, name);
  return name;
}

/** The parts of node-postgres's connection, query and result that `NamedStatement` works with. */
interface WireConnection {
  readonly parsedStatements: Record<string, string | undefined>;
  parse(message: { text: string; name: string; types: unknown[] }): void;
  bind(message: {
    portal: string;
    statement: string;
    values: unknown[];
    valueMapper?: unknown;
  }): void;
  execute(message: { portal: string; rows: number | undefined }): void;
  sync(): void;
}
interface ResultInternals {
  fields: unknown[];
  _parsers: unknown[] | undefined;
  _prebuiltEmptyResultObject: object | null;
}
interface QueryInternals {
  prepare(connection: WireConnection): void;
  handleRowDescription(message: unknown): void;
  handleCommandComplete(message: unknown, connection: WireConnection): void;
}
const query = Query.prototype as unknown as QueryInternals;

/**
 * What a prepared statement's rows are, from the description PostgreSQL gave of them the first
 * time: node-postgres's fields, the parser of each, and the empty row each row starts from.
 * null: the statement returns no rows. By statement name, so by text, on every connection: a
 * statement's result type cannot change (PostgreSQL refuses to run a prepared statement whose
 * result type a schema change altered).
 */
interface RowShape {
  readonly fields: unknown[];
  readonly parsers: unknown[] | undefined;
  readonly emptyRow: object | null;
}
const shapes = new Map<string, RowShape | null>();

/**
 * A statement with parameters, under its name. Its first run on a connection parses it; the first
 * anywhere describes its rows, and every later run only binds and executes it, node-postgres's
 * result set up from that description (`RowShape`): no Describe to send, no RowDescription to
 * read and turn into fields and parsers, each time (about a tenth of a wide read's CPU).
 *
 * With `opening`, a transaction's first statement, sent with the opening held back for it: the
 * opening's Parse/Bind/Execute go out in the same write as the statement's messages, ahead of its
 * Sync, so both take one round trip. PostgreSQL runs what comes before a Sync as one implicit
 * block, which the opening turns into the transaction it starts; the statement then runs inside
 * it.
 */
class NamedStatement extends Query {
  private readonly statement: string;
  private readonly parameters: unknown[];
  private openingAnswered = false;
  /** This run asked for a description of the rows: it learns their shape. */
  private describing = false;

  constructor(
    config: QueryConfig & { name: string },
    callback: (error: Error | undefined, result: QueryResult) => void,
    private readonly opening?: string,
  ) {
    super(config, callback as never);
    this.statement = config.name;
    this.parameters = config.values ?? [];
  }

  /** node-postgres's result of this run, which the row shape sets up or is learnt from. */
  private get result(): ResultInternals {
    return (this as unknown as { _result: ResultInternals })._result;
  }

  prepare(connection: WireConnection): void {
    if (this.opening !== undefined) {
      connection.parse({ text: this.opening, name: '', types: [] });
      connection.bind({ portal: '', statement: '', values: [] });
      connection.execute({ portal: '', rows: 0 });
    }
    const name = this.statement;
    const shape = shapes.get(name);
    if (shape === undefined || connection.parsedStatements[name] === undefined) {
      this.describing = shape === undefined;
      query.prepare.call(this, connection);
      return;
    }
    try {
      connection.bind({
        portal: '',
        statement: name,
        values: this.parameters,
        valueMapper: (value: unknown) => prepareValue(value),
      });
    } catch {
      // A value node-postgres cannot send: its own path reports it (and sends nothing).
      query.prepare.call(this, connection);
      return;
    }
    if (shape !== null) {
      const result = this.result;
      result.fields = shape.fields;
      result._parsers = shape.parsers;
      result._prebuiltEmptyResultObject = shape.emptyRow;
      // What node-postgres's own handleRowDescription decides (rows kept for the callback).
      (this as unknown as { _accumulateRows: boolean })._accumulateRows = true;
    }
    connection.execute({ portal: '', rows: undefined });
    connection.sync();
  }

  handleRowDescription(message: unknown): void {
    query.handleRowDescription.call(this, message);
    if (!this.describing) return;
    const result = this.result;
    shapes.set(this.statement, {
      fields: result.fields,
      parsers: result._parsers,
      emptyRow: result._prebuiltEmptyResultObject,
    });
  }

  /** The opening's completion comes first; the statement's answer is the rest. */
  handleCommandComplete(message: unknown, connection: WireConnection): void {
    if (this.opening !== undefined && !this.openingAnswered) {
      this.openingAnswered = true;
      return;
    }
    // Described, and no description of rows came (PostgreSQL's NoData): it returns none.
    if (this.describing && !shapes.has(this.statement)) shapes.set(this.statement, null);
    query.handleCommandComplete.call(this, message, connection);
  }
}

/** What an opening or closing that was never sent answers. */
function unsent(command: string): QueryResult {
  return { command, rowCount: null, oid: 0, rows: [], fields: [] };
}

type QueryArguments = [unknown, unknown?, unknown?];

/**
 * A PostgreSQL connection that prepares every statement with parameters under a name the first
 * time it runs it, and only binds and executes it after that: TypeORM sends unnamed statements,
 * which the server parses and plans on every call. Given to TypeORM's pool as `extra.Client`.
 *
 * A plain `START TRANSACTION` is held back and sent with the transaction's first statement
 * (`NamedStatement`), one round trip fewer a transaction; a transaction that ran nothing is
 * not sent at all. Only with a statement this connection has prepared already: node-postgres
 * would take the opening's ParseComplete for the statement's, and a statement whose first Parse
 * failed would then never be parsed again on this connection.
 */
export class PreparedStatementClient extends Client {
  /** The text of a transaction's opening, held until its first statement. */
  private opening: string | undefined;
  /** node-postgres's own `query`. */
  private readonly unnamed: (...args: unknown[]) => Promise<QueryResult>;

  constructor(config?: ClientConfig) {
    super(config);
    const unnamed = this.query.bind(this) as (...args: unknown[]) => Promise<QueryResult>;
    this.unnamed = unnamed;
    const prepared = (...args: QueryArguments): unknown => {
      const [text, values, callback] = args;
      // TypeORM's calls: a text and its values, answered by a promise.
      if (typeof text !== 'string' || callback !== undefined || typeof values === 'function')
        return this.afterOpening(() => unnamed(...args));
      const simple = !Array.isArray(values) || values.length === 0;
      if (simple && this.opening === undefined && OPENING.test(text)) {
        this.opening = text;
        return Promise.resolve(unsent('BEGIN'));
      }
      const closing = simple && this.opening !== undefined ? CLOSING.exec(text) : null;
      if (closing !== null) {
        this.opening = undefined;
        return Promise.resolve(unsent((closing[1] as string).toUpperCase()));
      }
      const name = simple ? undefined : statementName(text);
      if (name === undefined) return this.afterOpening(() => unnamed(...args));
      const config = { name, text, values: values as unknown[] };
      const run = (opening?: string) =>
        new Promise<QueryResult>((resolve, reject) => {
          const statement = new NamedStatement(
            config,
            (error, result) => {
              // node-postgres answers a success with a null error, whatever its types say.
              if (error instanceof Error) reject(error);
              else resolve(result);
            },
            opening,
          );
          void unnamed(statement);
        });
      const opening = this.opening;
      if (opening === undefined || !this.hasPrepared(name)) return this.afterOpening(() => run());
      this.opening = undefined;
      return run(opening);
    };
    this.query = prepared as Client['query'];
  }

  /** Runs a call as it comes, after sending the opening held back, if any, on its own. */
  private afterOpening(send: () => unknown): unknown {
    const opening = this.opening;
    if (opening === undefined) return send();
    this.opening = undefined;
    // node-postgres runs a connection's queries in the order it was given them.
    const opened = this.unnamed(opening);
    const answer = send();
    if (answer instanceof Promise)
      return Promise.all([opened, answer]).then(([, result]) => result as unknown);
    opened.catch(() => undefined);
    return answer;
  }

  private hasPrepared(name: string): boolean {
    const connection = (this as unknown as { connection: WireConnection }).connection;
    return connection.parsedStatements[name] !== undefined;
  }
}

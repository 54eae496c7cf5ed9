import { Client, Query, type ClientConfig, type QueryConfig, type QueryResult } from 'pg';
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

/** The parts of node-postgres's connection and query that `OpeningStatement` works with. */
interface WireConnection {
  readonly parsedStatements: Record<string, string | undefined>;
  parse(message: { text: string; name: string; types: unknown[] }): void;
  bind(message: { portal: string; statement: string; values: unknown[] }): void;
  execute(message: { portal: string; rows: number }): void;
}
interface QueryInternals {
  prepare(connection: WireConnection): void;
  handleCommandComplete(message: unknown, connection: WireConnection): void;
}
const query = Query.prototype as unknown as QueryInternals;

/**
 * A transaction's first statement, sent with the opening held back for it: the opening's
 * Parse/Bind/Execute go out in the same write as the statement's messages, ahead of its Sync,
 * so both take one round trip. PostgreSQL runs what comes before a Sync as one implicit block,
 * which the opening turns into the transaction it starts; the statement then runs inside it.
 */
class OpeningStatement extends Query {
  private openingAnswered = false;

  constructor(
    private readonly opening: string,
    config: QueryConfig,
    callback: (error: Error | undefined, result: QueryResult) => void,
  ) {
    super(config, callback as never);
  }

  prepare(connection: WireConnection): void {
    connection.parse({ text: this.opening, name: '', types: [] });
    connection.bind({ portal: '', statement: '', values: [] });
    connection.execute({ portal: '', rows: 0 });
    query.prepare.call(this, connection);
  }

  /** The opening's completion comes first; the statement's answer is the rest. */
  handleCommandComplete(message: unknown, connection: WireConnection): void {
    if (!this.openingAnswered) {
      this.openingAnswered = true;
      return;
    }
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
 * (`OpeningStatement`), one round trip fewer a transaction; a transaction that ran nothing is
 * not sent at all. Only with a statement this connection has prepared already: node-postgres
 * would take the opening's ParseComplete for the statement's, and a statement whose first Parse
 * failed would then never be parsed again on this connection.
 */
export class PreparedStatementClient extends Client {
  /** The text of a transaction's opening, held until its first statement. */
  private opening: string | undefined;

  constructor(config?: ClientConfig) {
    super(config);
    const unnamed = this.query.bind(this) as (...args: unknown[]) => Promise<QueryResult>;
    const prepared = (...args: QueryArguments): unknown => {
      const [text, values, callback] = args;
      // TypeORM's calls: a text and its values, answered by a promise.
      if (typeof text !== 'string' || callback !== undefined || typeof values === 'function')
        return this.afterOpening(unnamed, args);
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
      if (name === undefined) return this.afterOpening(unnamed, args);
      const config: QueryConfig = { name, text, values: values as unknown[] };
      const opening = this.opening;
      if (opening === undefined || !this.hasPrepared(name))
        return this.afterOpening(unnamed, [config]);
      this.opening = undefined;
      return new Promise<QueryResult>((resolve, reject) => {
        const statement = new OpeningStatement(opening, config, (error, result) => {
          // node-postgres answers a success with a null error, whatever its types say.
          if (error instanceof Error) reject(error);
          else resolve(result);
        });
        void unnamed(statement);
      });
    };
    this.query = prepared as Client['query'];
  }

  /** Runs a call as it comes, after sending the opening held back, if any, on its own. */
  private afterOpening(
    unnamed: (...args: unknown[]) => Promise<QueryResult>,
    args: readonly unknown[],
  ): unknown {
    const opening = this.opening;
    if (opening === undefined) return unnamed(...args);
    this.opening = undefined;
    // node-postgres runs a connection's queries in the order it was given them.
    const opened = unnamed(opening);
    const answer = unnamed(...args);
    if (answer instanceof Promise)
      return Promise.all([opened, answer]).then(([, result]) => result);
    opened.catch(() => undefined);
    return answer;
  }

  private hasPrepared(name: string): boolean {
    const connection = (this as unknown as { connection: WireConnection }).connection;
    return connection.parsedStatements[name] !== undefined;
  }
}

import { Client, type ClientConfig, type QueryConfig } from 'pg';

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

/**
 * A PostgreSQL connection that prepares every statement with parameters under a name the first
 * time it runs it, and only binds and executes it after that: TypeORM sends unnamed statements,
 * which the server parses and plans on every call. Given to TypeORM's pool as `extra.Client`.
 */
export class PreparedStatementClient extends Client {
  constructor(config?: ClientConfig) {
    super(config);
    const unnamed = this.query.bind(this) as (...args: unknown[]) => unknown;
    const prepared = (...args: unknown[]): unknown => {
      const [text, values, callback] = args;
      if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0)
        return unnamed(...args);
      const name = statementName(text);
      if (name === undefined) return unnamed(...args);
      const config: QueryConfig = { name, text, values };
      return unnamed(config, callback);
    };
    this.query = prepared as Client['query'];
  }
}

/** Where a process keeps its state: in-process PGlite (embedded default) or a PostgreSQL server. */
export type DatabaseConfig =
  | {
      readonly kind: 'pglite';
      /** A directory to keep state across restarts; in memory when absent. */
      readonly dataDir?: string;
    }
  | {
      readonly kind: 'postgres';
      /** e.g. postgres://user@host:5432/biogate */
      readonly url: string;
      /** Connections this process keeps to the server, at most (`DEFAULT_POOL_SIZE`). */
      readonly poolSize?: number;
    };

/**
 * A process's connections to PostgreSQL by default. Every instance of every service holds up to
 * this many, and the server refuses connections past its `max_connections` (100 by default):
 * a deployment with more instances sets a smaller pool (`DATABASE_POOL_SIZE`).
 */
export const DEFAULT_POOL_SIZE = 10;

export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'postgres') return `PostgreSQL at ${redactUrl(config.url)}`;
  return config.dataDir === undefined ? 'PGlite in memory' : `PGlite in ${config.dataDir}`;
}

/** A connection string without its password, for logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

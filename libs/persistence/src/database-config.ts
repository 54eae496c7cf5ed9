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
    };

export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'postgres') return `PostgreSQL at ${redactUrl(config.url)}`;
  return config.dataDir === undefined ? 'PGlite in memory' : `PGlite in ${config.dataDir}`;
}

/** A connection string without its password, for logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

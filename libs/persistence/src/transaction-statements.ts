/**
 * How TypeORM opens a transaction (`START TRANSACTION`) and how people do (`BEGIN`), and how one
 * ends: the texts the database clients hold back (PGlitePool, PreparedStatementClient).
 */
export const OPENING = /^\s*(START\s+TRANSACTION|BEGIN)\s*;?\s*$/i;
export const CLOSING = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

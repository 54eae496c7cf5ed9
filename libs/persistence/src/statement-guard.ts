import { sqlStateOf } from './unit-of-work';

/**
 * `<schema>.abandon_statement(code, message)`: raises the error it is given, so that a
 * one-statement change can undo itself when its condition fails (a booking whose PNR exists, an
 * event of a batch applied before): PostgreSQL rolls back every part of a statement that raises.
 * SQL has no RAISE of its own. A migration of each service that needs it; the schema is a code
 * constant, never input.
 */
export function statementGuardSql(schema: string): string {
  return `CREATE FUNCTION ${assertSchemaName(schema)}.abandon_statement(code text, message text) RETURNS integer
         LANGUAGE plpgsql VOLATILE AS $$
       BEGIN
         RAISE EXCEPTION USING ERRCODE = code, MESSAGE = message;
       END
       $$`;
}

export function dropStatementGuardSql(schema: string): string {
  return `DROP FUNCTION ${assertSchemaName(schema)}.abandon_statement(text, text)`;
}

/**
 * A statement's result, or `code` if it abandoned itself with that code
 * (`abandon_statement`); any other failure is thrown.
 */
export async function abandonedAs<T, Code extends string>(
  code: Code,
  statement: Promise<T>,
): Promise<T | Code> {
  try {
    return await statement;
  } catch (error) {
    if (sqlStateOf(error) === code) return code;
    throw error;
  }
}

/** Schemas are written into SQL: a service's own constant, never input. Answers it. */
export function assertSchemaName(schema: string): string {
  if (!/^[a-z][a-z_]{0,30}$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  return schema;
}

import type { EntityManager } from 'typeorm';

/** A statement that writes any number of rows of one kind at once. */
export interface RowsStatement<Row> {
  /**
   * Rows with the same key would reach the same row of the table (an upsert's conflict key):
   * only the later one is written, which is what the two statements in turn would have left
   * (and an upsert may not touch one row twice).
   */
  readonly key?: (row: Row) => string;
  /**
   * Two rows with the same key as one, for a statement whose writes do not simply replace: a
   * tally adds up, a first-known value stays. Without it the later row is kept.
   */
  readonly merge?: (earlier: Row, later: Row) => Row;
  write(em: EntityManager, rows: readonly Row[]): Promise<void>;
}

/**
 * Rows that a unit of work gathers while it applies a batch of events, written with one
 * statement per kind when it flushes: when the batch is applied, and before any statement that
 * must not be overtaken by them (a delete of what they may write). Thirty events' upserts are
 * one round trip instead of thirty.
 */
export class DeferredRows {
  private readonly pending = new Map<RowsStatement<unknown>, Map<string, unknown> | unknown[]>();

  add<Row>(statement: RowsStatement<Row>, row: Row): void {
    const kind = statement as RowsStatement<unknown>;
    const key = statement.key?.(row);
    const rows = this.pending.get(kind) ?? (key === undefined ? [] : new Map<string, unknown>());
    this.pending.set(kind, rows);
    if (Array.isArray(rows)) {
      rows.push(row);
      return;
    }
    const earlier = rows.get(key as string) as Row | undefined;
    const merge = statement.merge;
    rows.set(
      key as string,
      earlier === undefined || merge === undefined ? row : merge(earlier, row),
    );
  }

  /**
   * Writes what was gathered, kind after kind in the order each was first added. Keyed rows go
   * in the order of their keys, so that two batches writing the same rows at once take their
   * locks in the same order and do not deadlock.
   */
  async flush(em: EntityManager): Promise<void> {
    const gathered = [...this.pending];
    this.pending.clear();
    for (const [statement, rows] of gathered)
      await statement.write(em, Array.isArray(rows) ? rows : inKeyOrder(rows));
  }
}

function inKeyOrder(rows: Map<string, unknown>): unknown[] {
  return [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

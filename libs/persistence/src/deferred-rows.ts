import type { EntityManager } from 'typeorm';

/** A statement that writes any number of rows of one kind at once. */
export interface RowsStatement<Row> {
  /**
   * The table it writes. The kinds of one batch may run as parts of one statement, and two parts
   * must not reach the same row: kinds that write one table are never joined.
   */
  readonly table: string;
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
  /** The statement: it reads its rows as records from the jsonb parameter it is given (`$n`). */
  sql(rows: string): string;
  /** The records the statement reads, when they are not the rows themselves. */
  records?(rows: readonly Row[]): readonly object[];
}

/** Gathered rows as parts of one statement: each part's SQL reads its records from one parameter. */
export interface JoinedRows {
  /** The parts' SQL, in the order their kinds were first added; parameters from `first` on. */
  readonly parts: readonly string[];
  /** The parameters, in order: each part's records as JSON. */
  readonly parameters: readonly string[];
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
    for (const { statement, records } of this.take())
      await em.query(statement.sql('$1'), [JSON.stringify(records)]);
  }

  /**
   * What was gathered as parts of one statement, its parameters numbered from `first` (as
   * `flush` orders them), and taken; undefined, and nothing taken, when two kinds write one table.
   */
  joined(first: number): JoinedRows | undefined {
    const tables = new Set([...this.pending.keys()].map((statement) => statement.table));
    if (tables.size < this.pending.size) return undefined;
    const parts: string[] = [];
    const parameters: string[] = [];
    for (const { statement, records } of this.take()) {
      parts.push(statement.sql(`$${first + parts.length}`));
      parameters.push(JSON.stringify(records));
    }
    return { parts, parameters };
  }

  /** The kinds gathered with their records, in the order of `flush`; none are left. */
  private take(): { statement: RowsStatement<unknown>; records: readonly object[] }[] {
    const gathered = [...this.pending];
    this.pending.clear();
    return gathered.map(([statement, rows]) => {
      const ordered = Array.isArray(rows) ? rows : inKeyOrder(rows);
      return { statement, records: statement.records?.(ordered) ?? (ordered as object[]) };
    });
  }
}

function inKeyOrder(rows: Map<string, unknown>): unknown[] {
  return [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

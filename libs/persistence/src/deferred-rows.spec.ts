import type { EntityManager } from 'typeorm';
import { DeferredRows, type RowsStatement } from './deferred-rows';

interface Row {
  readonly id: string;
  readonly value: number;
}

/** Statements named for their table, and a database that notes what each was given, in order. */
function recording() {
  const writes: [string, readonly Row[]][] = [];
  const statement = (name: string, keyed: boolean): RowsStatement<Row> => ({
    table: name,
    ...(keyed ? { key: (row: Row) => row.id } : {}),
    sql: (rows) => `INSERT INTO ${name} SELECT * FROM jsonb_to_recordset(${rows}::jsonb)`,
  });
  const em = {
    query: (sql: string, parameters: string[]) => {
      writes.push([
        /INSERT INTO (\w+)/.exec(sql)?.[1] ?? sql,
        JSON.parse(parameters[0] as string) as Row[],
      ]);
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  return { writes, statement, em };
}

describe('DeferredRows', () => {
  it('writes each kind once, in the order the kinds were first added', async () => {
    const { writes, statement, em } = recording();
    const passes = statement('passes', false);
    const entries = statement('entries', false);
    const later = new DeferredRows();
    later.add(entries, { id: 'e1', value: 1 });
    later.add(passes, { id: 'p1', value: 1 });
    later.add(entries, { id: 'e2', value: 2 });
    await later.flush(em);
    expect(writes).toEqual([
      [
        'entries',
        [
          { id: 'e1', value: 1 },
          { id: 'e2', value: 2 },
        ],
      ],
      ['passes', [{ id: 'p1', value: 1 }]],
    ]);
  });

  it('keeps the later of two keyed rows, and writes keyed rows in key order', async () => {
    const { writes, statement, em } = recording();
    const passes = statement('passes', true);
    const later = new DeferredRows();
    later.add(passes, { id: 'b', value: 1 });
    later.add(passes, { id: 'a', value: 1 });
    later.add(passes, { id: 'b', value: 2 });
    await later.flush(em);
    expect(writes).toEqual([
      [
        'passes',
        [
          { id: 'a', value: 1 },
          { id: 'b', value: 2 },
        ],
      ],
    ]);
  });

  it('merges two keyed rows as the statement says', async () => {
    const { writes, statement, em } = recording();
    const tallies: RowsStatement<Row> = {
      ...statement('tallies', true),
      merge: (earlier, later) => ({ id: later.id, value: earlier.value + later.value }),
    };
    const later = new DeferredRows();
    later.add(tallies, { id: 'a', value: 1 });
    later.add(tallies, { id: 'b', value: 5 });
    later.add(tallies, { id: 'a', value: 2 });
    later.add(tallies, { id: 'a', value: 4 });
    await later.flush(em);
    expect(writes).toEqual([
      [
        'tallies',
        [
          { id: 'a', value: 7 },
          { id: 'b', value: 5 },
        ],
      ],
    ]);
  });

  it('keeps every unkeyed row, even alike', async () => {
    const { writes, statement, em } = recording();
    const steps = statement('steps', false);
    const later = new DeferredRows();
    later.add(steps, { id: 'a', value: 1 });
    later.add(steps, { id: 'a', value: 1 });
    await later.flush(em);
    expect(writes[0]?.[1]).toHaveLength(2);
  });

  it('writes nothing twice: a flush empties it, and an empty one writes nothing', async () => {
    const { writes, statement, em } = recording();
    const steps = statement('steps', false);
    const later = new DeferredRows();
    await later.flush(em);
    later.add(steps, { id: 'a', value: 1 });
    await later.flush(em);
    await later.flush(em);
    later.add(steps, { id: 'b', value: 2 });
    await later.flush(em);
    expect(writes).toEqual([
      ['steps', [{ id: 'a', value: 1 }]],
      ['steps', [{ id: 'b', value: 2 }]],
    ]);
  });

  it('writes the records a statement makes of its rows', async () => {
    const { writes, statement, em } = recording();
    const doubled: RowsStatement<Row> = {
      ...statement('doubled', false),
      records: (rows) => rows.map((row) => ({ id: row.id, value: row.value * 2 })),
    };
    const later = new DeferredRows();
    later.add(doubled, { id: 'a', value: 3 });
    await later.flush(em);
    expect(writes).toEqual([['doubled', [{ id: 'a', value: 6 }]]]);
  });

  it('joins the kinds into parts of one statement, parameters numbered from the first given', () => {
    const { statement } = recording();
    const passes = statement('passes', true);
    const entries = statement('entries', false);
    const later = new DeferredRows();
    later.add(entries, { id: 'e1', value: 1 });
    later.add(passes, { id: 'b', value: 1 });
    later.add(passes, { id: 'a', value: 2 });
    expect(later.joined(4)).toEqual({
      parts: [entries.sql('$4'), passes.sql('$5')],
      parameters: [
        JSON.stringify([{ id: 'e1', value: 1 }]),
        JSON.stringify([
          { id: 'a', value: 2 },
          { id: 'b', value: 1 },
        ]),
      ],
    });
    // Taken: nothing is left to write.
    expect(later.joined(1)).toEqual({ parts: [], parameters: [] });
  });

  it('does not join two kinds that write one table, and keeps their rows', async () => {
    const { writes, statement, em } = recording();
    const booked = statement('passenger', true);
    const progress: RowsStatement<Row> = { ...statement('passenger', true), merge: (a) => a };
    const later = new DeferredRows();
    later.add(booked, { id: 'a', value: 1 });
    later.add(progress, { id: 'a', value: 2 });
    expect(later.joined(1)).toBeUndefined();
    await later.flush(em);
    expect(writes).toEqual([
      ['passenger', [{ id: 'a', value: 1 }]],
      ['passenger', [{ id: 'a', value: 2 }]],
    ]);
  });
});

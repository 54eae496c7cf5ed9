import type { EntityManager } from 'typeorm';
import { DeferredRows, type RowsStatement } from './deferred-rows';

interface Row {
  readonly id: string;
  readonly value: number;
}

/** Statements that note what each write was given, in order. */
function recording() {
  const writes: [string, readonly Row[]][] = [];
  const statement = (name: string, keyed: boolean): RowsStatement<Row> => ({
    ...(keyed ? { key: (row: Row) => row.id } : {}),
    write: (_em, rows) => {
      writes.push([name, rows]);
      return Promise.resolve();
    },
  });
  return { writes, statement };
}

const em = {} as EntityManager;

describe('DeferredRows', () => {
  it('writes each kind once, in the order the kinds were first added', async () => {
    const { writes, statement } = recording();
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
    const { writes, statement } = recording();
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
    const { writes, statement } = recording();
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
    const { writes, statement } = recording();
    const steps = statement('steps', false);
    const later = new DeferredRows();
    later.add(steps, { id: 'a', value: 1 });
    later.add(steps, { id: 'a', value: 1 });
    await later.flush(em);
    expect(writes[0]?.[1]).toHaveLength(2);
  });

  it('writes nothing twice: a flush empties it, and an empty one writes nothing', async () => {
    const { writes, statement } = recording();
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
});

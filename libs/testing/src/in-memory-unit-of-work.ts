import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { UnitOfWork } from '@biogate/persistence';

type Row = Record<string, unknown>;

/**
 * An in-memory stand-in for the part of TypeORM's EntityManager that handlers use, for fast unit
 * tests of their logic. Rows are kept per entity class; raw SQL (outbox rows, outages) is
 * recorded and answers no rows. No transactions: a failing unit is not rolled back. Paths that
 * users depend on are tested against PGlite and PostgreSQL as well.
 */
export class InMemoryEntityManager {
  private readonly tables = new Map<unknown, Row[]>();
  readonly sql: { sql: string; parameters: readonly unknown[] }[] = [];

  rows<T extends ObjectLiteral>(entity: EntityTarget<T>): T[] {
    return (this.tables.get(entity) ?? []) as T[];
  }

  seed<T extends ObjectLiteral>(entity: EntityTarget<T>, ...rows: T[]): void {
    this.table(entity).push(...rows.map((row) => ({ ...row })));
  }

  findOneBy<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    where: Partial<T>,
  ): Promise<T | null> {
    return Promise.resolve(this.rows(entity).find((row) => matches(row, where)) ?? null);
  }

  async findOneByOrFail<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    where: Partial<T>,
  ): Promise<T> {
    const row = await this.findOneBy(entity, where);
    if (row === null) throw new Error(`no row matching ${JSON.stringify(where)}`);
    return row;
  }

  findBy<T extends ObjectLiteral>(entity: EntityTarget<T>, where: Partial<T>): Promise<T[]> {
    return Promise.resolve(this.rows(entity).filter((row) => matches(row, where)));
  }

  countBy<T extends ObjectLiteral>(entity: EntityTarget<T>, where: Partial<T>): Promise<number> {
    return Promise.resolve(this.rows(entity).filter((row) => matches(row, where)).length);
  }

  existsBy<T extends ObjectLiteral>(entity: EntityTarget<T>, where: Partial<T>): Promise<boolean> {
    return Promise.resolve(this.rows(entity).some((row) => matches(row, where)));
  }

  insert<T extends ObjectLiteral>(entity: EntityTarget<T>, rows: T | T[]): Promise<void> {
    this.table(entity).push(...(Array.isArray(rows) ? rows : [rows]).map((row) => ({ ...row })));
    return Promise.resolve();
  }

  upsert<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    row: T,
    conflictPaths: string[],
  ): Promise<void> {
    const table = this.table(entity);
    const key = Object.fromEntries(conflictPaths.map((path) => [path, (row as Row)[path]]));
    const index = table.findIndex((existing) => matches(existing, key));
    if (index >= 0) table[index] = { ...row };
    else table.push({ ...row });
    return Promise.resolve();
  }

  delete<T extends ObjectLiteral>(entity: EntityTarget<T>, where: Partial<T>): Promise<void> {
    this.tables.set(
      entity,
      this.table(entity).filter((row) => !matches(row, where)),
    );
    return Promise.resolve();
  }

  query<T>(sql: string, parameters: readonly unknown[] = []): Promise<T> {
    this.sql.push({ sql, parameters });
    return Promise.resolve([] as T);
  }

  private table(entity: unknown): Row[] {
    let table = this.tables.get(entity);
    if (!table) {
      table = [];
      this.tables.set(entity, table);
    }
    return table;
  }
}

export class InMemoryUnitOfWork implements UnitOfWork {
  readonly em = new InMemoryEntityManager();

  private effects: (() => void)[] = [];

  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    this.effects = [];
    const result = await work(this.em as unknown as EntityManager);
    for (const effect of this.effects) effect();
    return result;
  }

  afterCommit(_em: EntityManager, effect: () => void): void {
    this.effects.push(effect);
  }

  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return work(this.em as unknown as EntityManager);
  }
}

function matches(row: Row, where: Record<string, unknown>): boolean {
  return Object.entries(where).every(([key, value]) => {
    const actual = row[key];
    if (actual instanceof Date && value instanceof Date)
      return actual.getTime() === value.getTime();
    return actual === value;
  });
}

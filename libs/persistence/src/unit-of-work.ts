import type { DataSource, EntityManager } from 'typeorm';
import { AsyncMutex } from './async-mutex';

export const UNIT_OF_WORK = Symbol('UNIT_OF_WORK');

/**
 * The only way handlers touch the database: a transaction for a change (state and outbox rows
 * together), a read for a query. Handlers get the EntityManager of the unit, never a repository
 * injected from elsewhere, so everything they write joins the same transaction.
 */
export interface UnitOfWork {
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  /**
   * A change that is one statement after its reads (a gate's presentation): run without `BEGIN`
   * and `COMMIT`, two round trips fewer. PostgreSQL commits a lone statement by itself, and under
   * READ COMMITTED (biogate's level) reads inside a transaction see no more than reads outside
   * one, so without locking reads the outcome is the transaction's. Retried after a lost race
   * and followed by its `afterCommit` effects like a transaction. The work must write at most
   * once: a second write would commit on its own.
   */
  singleWrite<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  /**
   * Runs `effect` once the transaction of `em` has committed, never if it rolls back (nor for an
   * attempt that lost a race and ran again): e.g. waking the outbox relay.
   */
  afterCommit(em: EntityManager, effect: () => void): void;
  /** The database lives in this process (PGlite): no other process writes to it. */
  readonly ownsDatabase?: boolean;
}

export class TypeOrmUnitOfWork implements UnitOfWork {
  /**
   * PGlite is one database session shared by every "connection": two transactions at once would
   * interleave their statements (and one's COMMIT would commit the other's half). So on PGlite
   * every unit runs alone; PostgreSQL gives each transaction its own connection.
   */
  private readonly exclusive: AsyncMutex | undefined;
  /** The effects each open transaction will run once it commits. */
  private readonly onCommit = new WeakMap<EntityManager, (() => void)[]>();
  readonly ownsDatabase: boolean;

  constructor(
    private readonly dataSource: DataSource,
    options: { inProcess: boolean },
  ) {
    this.exclusive = options.inProcess ? new AsyncMutex() : undefined;
    this.ownsDatabase = options.inProcess;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.untilWon(async () => {
      let effects: (() => void)[] = [];
      const result = await this.dataSource.transaction((em) => {
        effects = [];
        this.onCommit.set(em, effects);
        return work(em);
      });
      for (const effect of effects) effect();
      return result;
    });
  }

  singleWrite<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.untilWon(async () => {
      // One connection for the unit's statements, as a transaction has (and its statements
      // prepared on it), and a manager of its own for the unit's effects.
      const runner = this.dataSource.createQueryRunner();
      const effects: (() => void)[] = [];
      this.onCommit.set(runner.manager, effects);
      let result: T;
      try {
        result = await work(runner.manager);
      } finally {
        await runner.release();
      }
      for (const effect of effects) effect();
      return result;
    });
  }

  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const unit = () => work(this.dataSource.manager);
    return this.exclusive ? this.exclusive.run(unit) : unit();
  }

  afterCommit(em: EntityManager, effect: () => void): void {
    const effects = this.onCommit.get(em);
    if (effects === undefined) throw new Error('afterCommit called outside a transaction');
    effects.push(effect);
  }

  /**
   * A unit that lost a race on PostgreSQL (two check-ins of one passenger, two boardings of one
   * pass: both read "not yet", one insert then hits the other's unique key) runs again from its
   * reads, and so gives the answer for what the winner did. Never more than three times.
   */
  private async untilWon<T>(unit: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (this.exclusive ? this.exclusive.run(unit) : unit());
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !lostARace(error)) throw error;
      }
    }
  }
}

const MAX_ATTEMPTS = 3;

/** unique_violation, serialization_failure, deadlock_detected: another transaction got there first. */
const RACE_CODES = new Set(['23505', '40001', '40P01']);

function lostARace(error: unknown): boolean {
  const code = sqlStateOf(error);
  return code !== undefined && RACE_CODES.has(code);
}

/**
 * The SQLSTATE of a database error, as node-postgres and PGlite give it, bare or wrapped in
 * TypeORM's QueryFailedError; undefined for any other error.
 */
export function sqlStateOf(error: unknown): string | undefined {
  const failure = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = failure?.driverError?.code ?? failure?.code;
  return typeof code === 'string' ? code : undefined;
}

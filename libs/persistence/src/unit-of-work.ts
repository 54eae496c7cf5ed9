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
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
}

export class TypeOrmUnitOfWork implements UnitOfWork {
  /**
   * PGlite is one database session shared by every "connection": two transactions at once would
   * interleave their statements (and one's COMMIT would commit the other's half). So on PGlite
   * every unit runs alone; PostgreSQL gives each transaction its own connection.
   */
  private readonly exclusive: AsyncMutex | undefined;

  constructor(
    private readonly dataSource: DataSource,
    options: { serialise: boolean },
  ) {
    this.exclusive = options.serialise ? new AsyncMutex() : undefined;
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const unit = () => this.dataSource.transaction(work);
    return this.exclusive ? this.exclusive.run(unit) : unit();
  }

  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const unit = () => work(this.dataSource.manager);
    return this.exclusive ? this.exclusive.run(unit) : unit();
  }
}

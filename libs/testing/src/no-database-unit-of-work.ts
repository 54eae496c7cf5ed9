import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '@biogate/persistence';

/**
 * The unit of work of a handler's unit test, where the store is a cheap mock: there is no
 * database, so the EntityManager handed to the work is a placeholder for the mock to ignore. Any
 * use of it throws, so a handler that goes around its store fails its test. Effects registered
 * with `afterCommit` run once the work has returned, as after a commit. The SQL itself is tested
 * on PGlite and PostgreSQL in test/.
 */
export class NoDatabaseUnitOfWork implements UnitOfWork {
  private readonly effects = new WeakMap<EntityManager, (() => void)[]>();

  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const em = placeholderEntityManager();
    const effects: (() => void)[] = [];
    this.effects.set(em, effects);
    const result = await work(em);
    for (const effect of effects) effect();
    return result;
  }

  singleWrite<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.transaction(work);
  }

  async read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return work(placeholderEntityManager());
  }

  afterCommit(em: EntityManager, effect: () => void): void {
    const effects = this.effects.get(em);
    if (effects === undefined) throw new Error('afterCommit called outside a transaction');
    effects.push(effect);
  }
}

function placeholderEntityManager(): EntityManager {
  return new Proxy(
    {},
    {
      get: (_target, property) => {
        throw new Error(
          `the handler used the EntityManager (${String(property)}) instead of its store`,
        );
      },
    },
  ) as EntityManager;
}

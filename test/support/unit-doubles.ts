import type { EventTransport } from '@biogate/messaging';
import type { UnitOfWork } from '@biogate/persistence';
import type { EntityManager } from 'typeorm';

/** A transport that takes every message and delivers none: for units tested on their own. */
export function silentTransport(): EventTransport {
  return {
    publish: () => Promise.resolve(),
    subscribe: () => ({ close: () => Promise.resolve() }),
  };
}

/**
 * A unit of work whose transactions, single writes and reads all run on `em` (a test's fake), over a database
 * this process owns, as PGlite is: no autovacuum, so purges reclaim space themselves.
 */
export function unitOfWorkOver(em: EntityManager): UnitOfWork {
  return {
    transaction: (work) => work(em),
    singleWrite: (work) => work(em),
    read: (work) => work(em),
    afterCommit: () => undefined,
    ownsDatabase: true,
  };
}

import type { EntityManager } from 'typeorm';

/** A database that notes each statement it is sent and answers none: for effects that should send none. */
export function statementNotingDatabase(): { em: EntityManager; sent: string[] } {
  const sent: string[] = [];
  const em = {
    query: (sql: string) => {
      sent.push(sql);
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  return { em, sent };
}

import type { EntityManager } from 'typeorm';
import { abandonedAs, DeferredRows, type UnitOfWork } from '@biogate/persistence';
import type { EventEnvelope } from './event-envelope';
import { assertSchemaName } from './outbox-schema';

/** What a batch applied as one statement raises when one of its events was applied before. */
const APPLIED_BEFORE = 'BG003';

/**
 * A batch that cannot be one statement: two kinds of its rows write one table, or an effect
 * said to add rows only ran a statement of its own (it would have committed by itself, apart
 * from the batch's ids). Refused before anything is written; the batch goes in a transaction.
 */
class NotOneStatement extends Error {}

export type EventEffect = (em: EntityManager, index: number, later: DeferredRows) => Promise<void>;

export interface ApplyOptions {
  /**
   * Every effect only adds rows to `later` and runs no statement of its own: the batch may then
   * be one statement, its ids and its rows together, with no transaction around it (one round
   * trip instead of four or more). An effect given this should use `em` only to register
   * `afterCommit` effects: a statement of its own is refused (it would commit by itself), and
   * the batch is then applied in a transaction instead.
   */
  readonly asRows?: boolean;
}

/**
 * Applies an event at most once per consumer: the event id is recorded in the same transaction
 * (or the same statement) as the effect, so a redelivered event finds its id and changes nothing.
 */
export class IdempotentConsumer {
  /** A batch as one statement, before the kinds of rows its parts write ($4 on). */
  private readonly recordIds: string;

  constructor(
    private readonly schema: string,
    private readonly consumer: string,
    private readonly unitOfWork: UnitOfWork,
  ) {
    assertSchemaName(schema);
    this.recordIds = `INSERT INTO ${schema}.processed_events (consumer, event_id)
         SELECT $1, id FROM unnest($2::uuid[]) AS id
         ON CONFLICT DO NOTHING RETURNING event_id`;
  }

  /** Returns false when the event had already been processed. */
  async process(
    envelope: EventEnvelope,
    effect: (em: EntityManager, later: DeferredRows) => Promise<void>,
  ): Promise<boolean> {
    return (await this.processInOrder([envelope], (em, _, later) => effect(em, later))) === 1;
  }

  /**
   * Applies the events not yet processed, in the order given, in one transaction: one insert
   * records every id, and its answer says which are new (an id twice in the list counts once).
   * The rows the effects defer are written after the last of them, before the commit.
   * Returns how many were applied.
   */
  async processInOrder(envelopes: readonly EventEnvelope[], effect: EventEffect): Promise<number> {
    return (await this.applyNew(envelopes, effect)).length;
  }

  /**
   * As `processInOrder`, answering which of the envelopes (by index) the committed unit applied.
   * With `asRows`, a batch none of whose events was applied before is one statement; one that
   * holds such an event abandons it, and is applied in a transaction as without.
   */
  async applyNew(
    envelopes: readonly EventEnvelope[],
    effect: EventEffect,
    options: ApplyOptions = {},
  ): Promise<number[]> {
    // PostgreSQL answers uuids in lower case; a producer may have written them otherwise.
    const ids = envelopes.map((envelope) => envelope.eventId.toLowerCase());
    if (options.asRows === true) {
      try {
        const applied = await abandonedAs(APPLIED_BEFORE, this.applyAsOneStatement(ids, effect));
        if (applied !== APPLIED_BEFORE) return applied;
      } catch (error) {
        if (!(error instanceof NotOneStatement)) throw error;
      }
    }
    return this.applyInTransaction(ids, effect);
  }

  private applyAsOneStatement(ids: readonly string[], effect: EventEffect): Promise<number[]> {
    const firsts = firstOfEach(ids);
    return this.unitOfWork.singleWrite(async (em) => {
      const later = new DeferredRows();
      await refusingStatements(em, async () => {
        for (const index of firsts) await effect(em, index, later);
      });
      const rows = later.joined(4);
      if (rows === undefined) throw new NotOneStatement();
      const parts = rows.parts.map((sql, n) => `, rows_${n + 1} AS (${sql})`).join('');
      // Every part runs whatever the SELECT reads; the CASE abandons them all, ids included.
      await em.query(
        `WITH fresh AS (${this.recordIds})${parts}
         SELECT CASE WHEN count(*) = $3 THEN count(*)
                ELSE ${this.schema}.abandon_statement('${APPLIED_BEFORE}',
                       'an event of the batch was applied before') END AS applied
           FROM fresh`,
        [this.consumer, ids, firsts.length, ...rows.parameters],
      );
      return firsts;
    });
  }

  private applyInTransaction(ids: readonly string[], effect: EventEffect): Promise<number[]> {
    return this.unitOfWork.transaction(async (em) => {
      const inserted = await em.query<{ event_id: string }[]>(this.recordIds, [this.consumer, ids]);
      const fresh = new Set(inserted.map((row) => row.event_id));
      // Per attempt: a unit that lost a race runs again, and only the last attempt committed.
      const applied: number[] = [];
      const later = new DeferredRows();
      for (const [index, id] of ids.entries()) {
        if (!fresh.delete(id)) continue;
        await effect(em, index, later);
        applied.push(index);
      }
      await later.flush(em);
      return applied;
    });
  }
}

/**
 * Runs `work` with `em` refusing statements (every statement of an EntityManager goes through
 * its query runner's `query`), so that a consumer whose list of row-only event types is wrong
 * costs a round trip, not the batch's atomicity.
 */
async function refusingStatements(em: EntityManager, work: () => Promise<void>): Promise<void> {
  const runner = em.queryRunner;
  if (runner === undefined) throw new NotOneStatement();
  const own = Object.getOwnPropertyDescriptor(runner, 'query');
  runner.query = () => Promise.reject(new NotOneStatement());
  try {
    await work();
  } finally {
    if (own === undefined) delete (runner as { query?: unknown }).query;
    else Object.defineProperty(runner, 'query', own);
  }
}

/** The index of each id's first place in the list (an id twice in a batch is applied once). */
function firstOfEach(ids: readonly string[]): number[] {
  const seen = new Set<string>();
  const firsts: number[] = [];
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) continue;
    seen.add(id);
    firsts.push(index);
  }
  return firsts;
}

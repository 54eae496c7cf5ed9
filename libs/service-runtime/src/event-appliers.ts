import type { EntityManager } from 'typeorm';
import type { DeferredRows } from '@biogate/persistence';
import type { EventEnvelopeDto } from '@biogate/contracts';

export interface ConsumedEvent {
  readonly type: string;
  readonly envelope: EventEnvelopeDto;
  readonly payload: object;
}

/** Runs `work` once the unit that applied the event has committed (never if it rolls back). */
export type OnCommit = (work: () => void) => void;

/**
 * An event's effect that is rows alone, added to `later` and written with the rest of its
 * batch's: it is given no database to reach, so a batch of such events can be one statement
 * with its ids, without a transaction.
 */
export interface RowsApplier {
  readonly kind: 'rows';
  apply(event: ConsumedEvent, later: DeferredRows, onCommit: OnCommit): void;
}

/**
 * An event's effect that runs statements of its own, in the transaction that records the event.
 * It flushes `later` first where the rows gathered before it must not be overtaken.
 */
export interface StatementsApplier {
  readonly kind: 'statements';
  apply(
    em: EntityManager,
    event: ConsumedEvent,
    later: DeferredRows,
    onCommit: OnCommit,
  ): Promise<void>;
}

export type EventApplier = RowsApplier | StatementsApplier;

/**
 * What a consumer does with each event type it reads, by type: the one place that says both the
 * effect and whether it is rows alone.
 */
export type EventAppliers = Readonly<Record<string, EventApplier>>;

export function asRows(apply: RowsApplier['apply']): RowsApplier {
  return { kind: 'rows', apply };
}

export function withStatements(apply: StatementsApplier['apply']): StatementsApplier {
  return { kind: 'statements', apply };
}

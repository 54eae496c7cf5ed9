import type { TransportMessage } from './event-envelope';

export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');

/** Handles one message; a rejection means "not processed" and the transport retries. */
export type MessageHandler = (message: TransportMessage) => Promise<void>;

/**
 * Handles several messages of one partition (or one in-process group) in their order, all or
 * nothing: one database transaction for the lot. A rejection means none was processed; the
 * transport then delivers them one at a time to the `MessageHandler`, which retries a transient
 * failure and dead-letters the message that cannot be processed.
 */
export type BatchHandler = (messages: readonly TransportMessage[]) => Promise<void>;

export interface SubscribeOptions {
  readonly batch?: BatchHandler;
}

/** The most messages handed to a `BatchHandler` at once (one transaction's worth). */
export const MAX_BATCH_MESSAGES = 256;

export interface Subscription {
  /** Stops taking new messages and waits for the one in hand. */
  close(): Promise<void>;
}

/**
 * The port between services: Kafka in distributed mode, in-process in the embedded default.
 * Delivery is at least once and in order per key within a consumer group.
 */
export interface EventTransport {
  publish(messages: readonly TransportMessage[]): Promise<void>;
  subscribe(
    topics: readonly string[],
    group: string,
    handler: MessageHandler,
    options?: SubscribeOptions,
  ): Subscription;
  /** Resolves when every delivered message has been handled, where the transport can know. */
  idle?(): Promise<void>;
  /** Where each consumer group of this process stands (readiness); none where not given. */
  consumerGroups?(): readonly ConsumerGroupState[];
  /** How far each consumer group of this process is behind, per partition of its topics. */
  consumerLag?(): Promise<readonly PartitionLag[]>;
}

/** Messages on a partition that a consumer group has not yet committed as handled. */
export interface PartitionLag {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

/**
 * A consumer group member of this process: `JOINED` takes messages; `JOINING` is on its way
 * (start-up, a rebalance, a restart after a crash); `CRASHED` stopped taking messages and is
 * waiting to start again.
 */
export interface ConsumerGroupState {
  readonly group: string;
  readonly state: 'JOINING' | 'JOINED' | 'CRASHED';
  /** What made it crash, when it did. */
  readonly error?: string;
}

/** Where a message goes when it cannot be processed: `<topic>.dead-letter`. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dead-letter`;
}

/**
 * Delivers messages in order: as batches when the subscriber takes them, else (or when a batch
 * fails) one at a time through `one`, the transport's own delivery with retries and dead letters.
 * `done` runs after each part, so a transport can commit the offsets it covers.
 */
export async function deliverInOrder(
  messages: readonly TransportMessage[],
  batch: BatchHandler | undefined,
  one: (message: TransportMessage) => Promise<void>,
  done: (count: number) => Promise<void> = () => Promise.resolve(),
  stopped: () => boolean = () => false,
  /** The fewest messages worth a batch: 1 where batches of several partitions are joined. */
  smallestBatch = 2,
): Promise<void> {
  for (let start = 0; start < messages.length && !stopped(); start += MAX_BATCH_MESSAGES) {
    const part = messages.slice(start, start + MAX_BATCH_MESSAGES);
    if (!(batch !== undefined && part.length >= smallestBatch && (await succeeded(batch(part))))) {
      // Alone, a message that failed the batch is retried or dead-lettered, and no other with it.
      for (const message of part) await one(message);
    }
    await done(part.length);
  }
}

async function succeeded(work: Promise<void>): Promise<boolean> {
  try {
    await work;
    return true;
  } catch {
    return false;
  }
}

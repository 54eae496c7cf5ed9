import type { TransportMessage } from './event-envelope';

export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');

/** Handles one message; a rejection means "not processed" and the transport retries. */
export type MessageHandler = (message: TransportMessage) => Promise<void>;

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
  subscribe(topics: readonly string[], group: string, handler: MessageHandler): Subscription;
  /** Resolves when every delivered message has been handled, where the transport can know. */
  idle?(): Promise<void>;
}

/** Where a message goes when it cannot be processed: `<topic>.dead-letter`. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dead-letter`;
}

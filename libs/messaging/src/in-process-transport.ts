import type { TransportMessage } from './event-envelope';
import {
  deadLetterTopic,
  deliverInOrder,
  type BatchHandler,
  type ConsumerGroupState,
  type PartitionLag,
  type EventTransport,
  type MessageHandler,
  type SubscribeOptions,
  type Subscription,
} from './event-transport';
import { PoisonMessageError, type DeadLetter } from './poison-message';

export interface InProcessTransportOptions {
  /** Attempts for a handler that fails with a transient error before the message is dead-lettered. */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
  readonly onDeadLetter?: (letter: DeadLetter) => void;
}

interface Group {
  readonly name: string;
  readonly topics: ReadonlySet<string>;
  readonly handler: MessageHandler;
  readonly batch: BatchHandler | undefined;
  readonly queue: TransportMessage[];
  closed: boolean;
  busy: Promise<void> | undefined;
}

/**
 * The embedded default's transport: the same contract as Kafka (at least once, in order within a
 * group), in one process. Messages published while a topic has no group yet are held and
 * delivered to the first groups that subscribe, so start-up order does not lose events.
 */
export class InProcessTransport implements EventTransport {
  private readonly groups = new Map<string, Group>();
  private readonly held = new Map<string, TransportMessage[]>();
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: InProcessTransportOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 20;
  }

  publish(messages: readonly TransportMessage[]): Promise<void> {
    for (const message of messages) {
      const groups = [...this.groups.values()].filter(
        (g) => !g.closed && g.topics.has(message.topic),
      );
      if (groups.length === 0) {
        const held = this.held.get(message.topic) ?? [];
        held.push(message);
        this.held.set(message.topic, held);
        continue;
      }
      for (const group of groups) this.enqueue(group, [message]);
    }
    return Promise.resolve();
  }

  subscribe(
    topics: readonly string[],
    groupName: string,
    handler: MessageHandler,
    options: SubscribeOptions = {},
  ): Subscription {
    if (this.groups.has(groupName)) {
      throw new Error(`consumer group ${groupName} already has a member in this process`);
    }
    const group: Group = {
      name: groupName,
      topics: new Set(topics),
      handler,
      batch: options.batch,
      queue: [],
      closed: false,
      busy: undefined,
    };
    this.groups.set(groupName, group);
    for (const topic of topics) {
      const held = this.held.get(topic);
      if (held) this.enqueue(group, held);
    }
    // Held messages go to every group that subscribes in the same tick, then are released.
    setImmediate(() => {
      topics.forEach((topic) => this.held.delete(topic));
    });
    return {
      close: async () => {
        group.closed = true;
        this.groups.delete(groupName);
        await group.busy;
      },
    };
  }

  /** A group in one process is a member as soon as it subscribes. */
  consumerGroups(): readonly ConsumerGroupState[] {
    return [...this.groups.values()]
      .filter((g) => !g.closed)
      .map((g) => ({ group: g.name, state: 'JOINED' }));
  }

  /** Messages waiting in each group's queue, per topic (one partition: the queue is one). */
  consumerLag(): Promise<readonly PartitionLag[]> {
    const lags: PartitionLag[] = [];
    for (const group of this.groups.values()) {
      if (group.closed) continue;
      const waiting = new Map<string, number>([...group.topics].map((topic) => [topic, 0]));
      for (const { topic } of group.queue) waiting.set(topic, (waiting.get(topic) ?? 0) + 1);
      for (const [topic, lag] of waiting)
        lags.push({ group: group.name, topic, partition: 0, lag });
    }
    return Promise.resolve(lags);
  }

  /** Resolves when every group has processed everything published so far. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return [...this.groups.values()].every((g) => g.queue.length === 0 && g.busy === undefined);
  }

  private enqueue(group: Group, messages: readonly TransportMessage[]): void {
    group.queue.push(...messages);
    if (group.busy === undefined) group.busy = this.work(group);
  }

  private async work(group: Group): Promise<void> {
    // Let the publisher's call return first: delivery is asynchronous, as with a broker.
    await Promise.resolve();
    while (!group.closed && group.queue.length > 0) {
      // What has queued up while the last batch was handled goes as the next batch.
      const pending = group.queue.slice();
      await deliverInOrder(
        pending,
        group.batch,
        (message) => this.deliver(group, message),
        (count) => {
          group.queue.splice(0, count);
          return Promise.resolve();
        },
        () => group.closed,
      );
    }
    group.busy = undefined;
    if (this.isIdle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => {
        resolve();
      });
    }
  }

  private async deliver(group: Group, message: TransportMessage): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await group.handler(message);
        return;
      } catch (error) {
        const poison = error instanceof PoisonMessageError;
        if (!poison && attempt < this.maxAttempts && !group.closed) {
          await delay(this.retryDelayMs * 2 ** (attempt - 1));
          continue;
        }
        this.deadLetter(group, message, error, attempt);
        return;
      }
    }
  }

  private deadLetter(
    group: Group,
    message: TransportMessage,
    error: unknown,
    attempts: number,
  ): void {
    const letter: DeadLetter = {
      topic: message.topic,
      key: message.key,
      group: group.name,
      error: error instanceof Error ? error.message : String(error),
      attempts,
      value: message.value,
    };
    this.options.onDeadLetter?.(letter);
    void this.publish([
      { topic: deadLetterTopic(message.topic), key: message.key, value: JSON.stringify(letter) },
    ]);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

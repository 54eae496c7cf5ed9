import { Kafka, logLevel, Partitioners, type LogEntry, type Producer } from 'kafkajs';
import type { TransportMessage } from './event-envelope';
import {
  deadLetterTopic,
  deliverInOrder,
  type EventTransport,
  type MessageHandler,
  type SubscribeOptions,
  type Subscription,
} from './event-transport';
import { PoisonMessageError, type DeadLetter } from './poison-message';

export interface KafkaTransportOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Attempts for a transient failure before the message is dead-lettered. */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  /**
   * Partitions a consumer works on at once (default 3). Order holds within a partition, so one
   * passenger's events stay in order; different passengers' events are applied side by side,
   * each in its own database transaction.
   */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * Hand a subscriber's `batch` handler the run of messages each fetch brings (one transaction
   * per run). Off by default: with it, the process-fault test (SIGKILL of check-in, then a group
   * rebalance ~30 s later) sometimes left check-in's consumer taking nothing more; until that is
   * understood, Kafka delivers one message at a time, as kafkajs's eachMessage does.
   */
  readonly batchConsumption?: boolean;
}

/**
 * The distributed transport, kafkajs behind our own port (kafkajs is in maintenance mode; a
 * replacement only touches this file). Messages are keyed by passenger, so one passenger's
 * events stay on one partition and in order. A handler never throws into kafkajs: transient
 * failures are retried here with backoff (keeping the heartbeat alive), poison messages and
 * exhausted retries go to `<topic>.dead-letter` with the original bytes, and the offset moves on.
 */
export class KafkaTransport implements EventTransport {
  private readonly kafka: Kafka;
  private producer: Promise<Producer> | undefined;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;

  constructor(private readonly options: KafkaTransportOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      // kafkajs's own errors and warnings (a crashed consumer, a failed rejoin) are what an
      // operator needs when a consumer stops taking messages: one JSON line each on stderr.
      logLevel: logLevel.WARN,
      logCreator: () => writeKafkaLog,
    });
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 100;
  }

  async publish(messages: readonly TransportMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push({ key: message.key, value: message.value });
      byTopic.set(message.topic, list);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
    });
  }

  subscribe(
    topics: readonly string[],
    group: string,
    handler: MessageHandler,
    options: SubscribeOptions = {},
  ): Subscription {
    // A fetch returns as soon as a message arrives on a real broker; the wait caps how long an
    // idle fetch may hold a message back where the broker answers only at the deadline.
    const consumer = this.kafka.consumer({ groupId: group, maxWaitTimeInMs: 100 });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      writeKafkaLog({
        namespace: 'Consumer',
        level: logLevel.ERROR,
        label: 'ERROR',
        log: {
          timestamp: new Date().toISOString(),
          message: `consumer crashed (${payload.restart ? 'restarting' : 'not restarting'})`,
          groupId: payload.groupId,
          error: payload.error.message,
        },
      });
    });
    let closing = false;
    const started = (async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      const partitionsConsumedConcurrently = this.options.partitionsConsumedConcurrently ?? 3;
      const deliverOne = (message: TransportMessage, heartbeat: () => Promise<void>) =>
        this.deliver(group, message, handler, heartbeat, () => closing);
      if (this.options.batchConsumption !== true || options.batch === undefined) {
        await consumer.run({
          partitionsConsumedConcurrently,
          eachMessage: async (payload) => {
            const { topic, message } = payload;
            await deliverOne(
              {
                topic,
                key: message.key?.toString('utf8') ?? '',
                value: message.value?.toString('utf8') ?? '',
              },
              () => payload.heartbeat(),
            );
          },
        });
        return;
      }
      await consumer.run({
        partitionsConsumedConcurrently,
        // Offsets are resolved as parts of the batch are handled: a batch cut short by a
        // rebalance or a shutdown is taken up again where it stopped.
        eachBatchAutoResolve: false,
        eachBatch: async (payload) => {
          const { batch } = payload;
          const heartbeat = () => payload.heartbeat();
          const messages: TransportMessage[] = batch.messages.map((message) => ({
            topic: batch.topic,
            key: message.key?.toString('utf8') ?? '',
            value: message.value?.toString('utf8') ?? '',
          }));
          let handled = 0;
          await deliverInOrder(
            messages,
            options.batch,
            (message) => deliverOne(message, heartbeat),
            async (count) => {
              handled += count;
              payload.resolveOffset((batch.messages[handled - 1] as { offset: string }).offset);
              await heartbeat();
            },
            () => closing || !payload.isRunning() || payload.isStale(),
          );
        },
      });
    })();
    started.catch((error: unknown) => {
      writeKafkaLog({
        namespace: 'Consumer',
        level: logLevel.ERROR,
        label: 'ERROR',
        log: {
          timestamp: new Date().toISOString(),
          message: 'consumer did not start',
          groupId: group,
          error: error instanceof Error ? error.message : String(error),
        },
      });
    });
    return {
      close: async () => {
        closing = true;
        await started.catch(() => undefined);
        await consumer.disconnect();
      },
    };
  }

  async disconnect(): Promise<void> {
    if (this.producer) await (await this.producer).disconnect();
    this.producer = undefined;
  }

  private async deliver(
    group: string,
    message: TransportMessage,
    handler: MessageHandler,
    heartbeat: () => Promise<void>,
    closing: () => boolean,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(message);
        return;
      } catch (error) {
        const poison = error instanceof PoisonMessageError;
        if (!poison && attempt < this.maxAttempts && !closing()) {
          await delay(this.retryDelayMs * 2 ** (attempt - 1));
          await heartbeat();
          continue;
        }
        const letter: DeadLetter = {
          topic: message.topic,
          key: message.key,
          group,
          error: error instanceof Error ? error.message : String(error),
          attempts: attempt,
          value: message.value,
        };
        this.options.onDeadLetter?.(letter);
        await this.publish([
          {
            topic: deadLetterTopic(message.topic),
            key: message.key,
            value: JSON.stringify(letter),
          },
        ]);
        return;
      }
    }
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      // kafkajs 2 changed its default partitioner: name it, so keys keep their partition.
      const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }
}

function writeKafkaLog({ namespace, label, log }: LogEntry): void {
  process.stderr.write(`${JSON.stringify({ source: 'kafkajs', level: label, namespace, ...log })}\n`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

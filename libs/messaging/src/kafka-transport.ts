import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type ISocketFactory,
  type KafkaMessage,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import { connect } from 'node:net';
import type { TransportMessage } from './event-envelope';
import {
  deadLetterTopic,
  deliverInOrder,
  type ConsumerGroupState,
  type EventTransport,
  type PartitionLag,
  type MessageHandler,
  type SubscribeOptions,
  type Subscription,
} from './event-transport';
import { PoisonMessageError, type DeadLetter } from './poison-message';
import { BatchCoalescer } from './batch-coalescer';
import { OffsetCommits } from './offset-commits';

export interface KafkaTransportOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Attempts for a transient failure before the message is dead-lettered. */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  /**
   * Partitions a consumer works on at once (default 12 with batches, 3 one message at a time).
   * Order holds within a partition, so one passenger's events stay in order. With batches, the
   * runs of the partitions in hand are joined into one transaction (`BatchCoalescer`); one
   * message at a time, each is its own transaction, side by side.
   */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * Hand a subscriber's `batch` handler the run of messages each fetch brings, one transaction
   * per run (default). `false` delivers one message at a time, as kafkajs's eachMessage does.
   */
  readonly batchConsumption?: boolean;
  /**
   * How long a fetch may wait for messages (default 100 ms). A broker answers as soon as one
   * arrives; librdkafka's mock cluster answers only at the deadline, so there it is the latency
   * of every hop between services (the live day and replay settle after the hops).
   */
  readonly fetchMaxWaitMs?: number;
  /**
   * How long the group waits for a member's heartbeat before it hands that member's partitions
   * to the others (default 30 000 ms, kafkajs's): the failover time when an instance dies
   * without leaving. Heartbeats go every third of it, at most every 3 s (Kafka's advice: no
   * more than a third, so that two can be lost).
   */
  readonly sessionTimeoutMs?: number;
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
  private admin: Promise<Admin> | undefined;
  /** This process's consumer groups and their topics, for `idle`. */
  private readonly groups = new Map<string, readonly string[]>();
  /** Each subscription's member, for readiness. */
  private readonly members = new Set<GroupMember>();
  /** Wakes `idle` when one of this process's consumers has committed offsets. */
  private readonly commits = new OffsetCommits();
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
      socketFactory: noDelaySocket,
    });
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 100;
  }

  async publish(messages: readonly TransportMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    const byTopic = new Map<
      string,
      { key: string; value: string; headers?: Record<string, string> }[]
    >();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push(
        message.headers === undefined
          ? { key: message.key, value: message.value }
          : { key: message.key, value: message.value, headers: { ...message.headers } },
      );
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
    let closing = false;
    this.groups.set(group, [...(this.groups.get(group) ?? []), ...topics]);
    const batched = this.options.batchConsumption !== false && options.batch !== undefined;
    const partitionsConsumedConcurrently =
      this.options.partitionsConsumedConcurrently ?? (batched ? 12 : 3);
    // One per subscription: the partitions of this consumer share it.
    const coalesced = options.batch === undefined ? undefined : new BatchCoalescer(options.batch);
    const deliverOne = (message: TransportMessage, heartbeat: () => Promise<void>) =>
      this.deliver(group, message, handler, heartbeat, () => closing);
    const run = async (consumer: Consumer): Promise<void> => {
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      if (!batched || coalesced === undefined) {
        await consumer.run({
          partitionsConsumedConcurrently,
          eachMessage: async (payload) => {
            const { topic, message } = payload;
            await deliverOne(transportMessageOf(topic, message), () => payload.heartbeat());
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
          const messages: TransportMessage[] = batch.messages.map((message) =>
            transportMessageOf(batch.topic, message),
          );
          let handled = 0;
          await deliverInOrder(
            messages,
            coalesced.submit,
            (message) => deliverOne(message, heartbeat),
            async (count) => {
              handled += count;
              payload.resolveOffset((batch.messages[handled - 1] as { offset: string }).offset);
              await heartbeat();
            },
            () => closing || !payload.isRunning() || payload.isStale(),
            1,
          );
        },
      });
    };
    const member = new GroupMember(
      () => {
        // A fetch returns as soon as a message arrives (on a broker and on the tests' mock
        // cluster); the wait sets how often an idle consumer fetches, and how long stopping it
        // may take: kafkajs waits out the fetch in hand.
        const consumer = this.kafka.consumer({
          groupId: group,
          maxWaitTimeInMs: this.options.fetchMaxWaitMs ?? DEFAULT_FETCH_MAX_WAIT_MS,
          ...groupSession(this.options.sessionTimeoutMs),
        });
        consumer.on(consumer.events.COMMIT_OFFSETS, (event) => {
          this.commits.committed(group, event.payload.topics);
        });
        consumer.on(consumer.events.GROUP_JOIN, (event) => {
          this.commits.assigned(group, event.payload.memberAssignment);
        });
        for (const leaving of [
          consumer.events.REBALANCING,
          consumer.events.CRASH,
          consumer.events.STOP,
        ] as const)
          consumer.on(leaving, () => {
            this.commits.assigned(group, {});
          });
        return consumer;
      },
      run,
      group,
    );
    this.members.add(member);
    const running = member.keepRunning();
    return {
      close: async () => {
        closing = true;
        this.members.delete(member);
        await member.stop();
        await running;
      },
    };
  }

  consumerGroups(): readonly ConsumerGroupState[] {
    return [...this.members].map((member) => member.state);
  }

  /**
   * Resolves once this process's consumer groups have handled (committed) every message their
   * topics held when it was called: what QA's settle needs to know that the events published so
   * far have reached this service. Bounded by what was there at the call, not by what follows.
   */
  async idle(timeoutMs = 30_000): Promise<void> {
    if (this.groups.size === 0) return;
    const admin = await this.connectedAdmin();
    // One topic after the other: asked together, kafkajs's admin took four times as long.
    const targets: { group: string; key: string; high: number }[] = [];
    for (const [group, topics] of this.groups) {
      for (const topic of new Set(topics)) {
        for (const { partition, high } of await admin.fetchTopicOffsets(topic))
          if (Number(high) > 0)
            targets.push({ group, key: `${topic}/${partition}`, high: Number(high) });
      }
    }
    const began = Date.now();
    const deadline = began + timeoutMs;
    let pending = targets;
    let brokerReadAt: number | undefined;
    for (;;) {
      // Armed before the offsets are read, so that a commit landing meanwhile still wakes it.
      const wake = this.commits.nextOrAfter(IDLE_RECHECK_MS);
      // This process's own commits first: they cover the partitions its member holds, so a
      // settle of a single instance asks the broker nothing (it read the group's offsets after
      // every commit, two requests a time, in each of a live day's settles). The broker is
      // asked for the partitions another member holds (or nobody yet), and now and then for
      // all, should a commit of ours have gone unannounced.
      pending = pending.filter((t) => this.commits.committedHere(t.group, t.key) < t.high);
      const now = Date.now();
      const othersDue =
        (brokerReadAt === undefined || now - brokerReadAt >= IDLE_RECHECK_MS) &&
        pending.some((t) => !this.commits.holds(t.group, t.key));
      const fallbackDue = now - (brokerReadAt ?? began) >= IDLE_BROKER_FALLBACK_MS;
      if (pending.length > 0 && (othersDue || fallbackDue)) {
        brokerReadAt = Date.now();
        for (const group of new Set(pending.map((t) => t.group))) {
          const committed = await committedOffsets(admin, group, this.groups.get(group) ?? []);
          pending = pending.filter(
            (t) => t.group !== group || (committed.get(t.key) ?? -1) < t.high,
          );
        }
      }
      if (pending.length === 0 || Date.now() > deadline) {
        wake.cancel();
        if (pending.length === 0) return;
        const behind = pending.map((t) => `${t.group} ${t.key}`);
        throw new Error(`consumers still behind after ${timeoutMs} ms: ${behind.join(', ')}`);
      }
      // This process's own commit is the usual news; another member's shows at the recheck.
      await wake.next;
    }
  }

  /**
   * Per partition: the broker's end of the log less the group's committed offset (from its
   * start, where the group has committed nothing yet). Read from the brokers, so it counts what
   * other members of the group have in hand too.
   */
  async consumerLag(): Promise<readonly PartitionLag[]> {
    if (this.groups.size === 0) return [];
    const admin = await this.connectedAdmin();
    const lags: PartitionLag[] = [];
    for (const [group, topics] of this.groups) {
      const committed = await committedOffsets(admin, group, topics);
      for (const topic of new Set(topics)) {
        for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
          const done = committed.get(`${topic}/${partition}`) ?? -1;
          const from = done >= 0 ? done : Number(low);
          lags.push({ group, topic, partition, lag: Math.max(0, Number(high) - from) });
        }
      }
    }
    return lags;
  }

  async disconnect(): Promise<void> {
    if (this.producer) await (await this.producer).disconnect();
    this.producer = undefined;
    if (this.admin) await (await this.admin).disconnect();
    this.admin = undefined;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
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

/**
 * A consumer that stays in its group for as long as the service runs. kafkajs gives up on a
 * consumer whose start fails (the broker unreachable or slow while the process starts, as after
 * a crash) and on one that crashes with an error it does not retry; either would leave the
 * service answering HTTP while applying no event. So each failure is logged, and a new
 * consumer starts after a backoff.
 */
class GroupMember {
  private current: Consumer | undefined;
  private stopped = false;
  /** From kafkajs's instrumentation events: GROUP_JOIN, CRASH, and each new start. */
  state: ConsumerGroupState;
  private readonly stopping: Promise<void>;
  private signalStop: () => void = () => undefined;

  constructor(
    private readonly create: () => Consumer,
    private readonly run: (consumer: Consumer) => Promise<void>,
    private readonly group: string,
  ) {
    this.stopping = new Promise((resolve) => {
      this.signalStop = resolve;
    });
    this.state = { group, state: 'JOINING' };
  }

  async keepRunning(): Promise<void> {
    for (let failures = 0; !this.isStopped();) {
      const consumer = this.create();
      this.current = consumer;
      if (this.state.state !== 'CRASHED') this.state = { group: this.group, state: 'JOINING' };
      consumer.on(consumer.events.GROUP_JOIN, () => {
        this.state = { group: this.group, state: 'JOINED' };
      });
      consumer.on(consumer.events.REBALANCING, () => {
        this.state = { group: this.group, state: 'JOINING' };
      });
      const givenUp = new Promise<void>((resolve) => {
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          this.state = { group: this.group, state: 'CRASHED', error: errorText(payload.error) };
          logConsumer(
            this.group,
            `consumer crashed (${payload.restart ? 'kafkajs restarts it' : 'starting a new one'})`,
            payload.error,
          );
          if (!payload.restart) resolve();
        });
      });
      try {
        await this.run(consumer);
        failures = 0;
        await Promise.race([givenUp, this.stopping]);
      } catch (error) {
        if (!this.isStopped()) {
          logConsumer(this.group, 'consumer did not start; trying again', error);
          this.state = { group: this.group, state: 'CRASHED', error: errorText(error) };
        }
      }
      await consumer.disconnect().catch(() => undefined);
      if (this.isStopped()) return;
      failures++;
      const backoff = Math.min(5_000, 250 * 2 ** Math.min(failures, 5));
      // unref: a stopped member's backoff must not keep the process alive
      await Promise.race([
        new Promise((resolve) => setTimeout(resolve, backoff).unref()),
        this.stopping,
      ]);
    }
  }

  /** A method, not the field: `stop()` sets it while `keepRunning` awaits. */
  private isStopped(): boolean {
    return this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.signalStop();
    await this.current?.disconnect().catch(() => undefined);
  }
}

function logConsumer(group: string, message: string, error: unknown): void {
  writeKafkaLog({
    namespace: 'Consumer',
    level: logLevel.ERROR,
    label: 'ERROR',
    log: {
      timestamp: new Date().toISOString(),
      message,
      groupId: group,
      error: error instanceof Error ? error.message : String(error),
    },
  });
}

function writeKafkaLog({ namespace, label, log }: LogEntry): void {
  process.stderr.write(
    `${JSON.stringify({ source: 'kafkajs', level: label, namespace, ...log })}\n`,
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const DEFAULT_FETCH_MAX_WAIT_MS = 100;

/** kafkajs's heartbeat interval when the session timeout is its default (30 s). */
const DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;

/** A consumer's session timeout and heartbeat interval; kafkajs's defaults when none is set. */
export function groupSession(sessionTimeoutMs: number | undefined): {
  sessionTimeout?: number;
  heartbeatInterval?: number;
} {
  if (sessionTimeoutMs === undefined) return {};
  return {
    sessionTimeout: sessionTimeoutMs,
    heartbeatInterval: Math.min(DEFAULT_HEARTBEAT_INTERVAL_MS, Math.floor(sessionTimeoutMs / 3)),
  };
}

/** How often `idle` reads the group's offsets again when no commit of this process wakes it. */
const IDLE_RECHECK_MS = 20;
/** How often `idle` reads them for the partitions this process's members hold, in case. */
const IDLE_BROKER_FALLBACK_MS = 250;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * kafkajs's socket (its own factory's, keep-alive included) without Nagle's algorithm, as Kafka's
 * Java client opens its sockets: a request written while an earlier one is unanswered (a
 * consumer's offset commits, one per partition's batch) otherwise waits for the broker's delayed
 * ACK, 40 ms on Linux.
 */
const noDelaySocket: ISocketFactory = ({ host, port, onConnect }) => {
  const socket = connect({ host, port, noDelay: true }, onConnect);
  socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
  return socket;
};

/** kafkajs's own keep-alive delay for its broker sockets. */
const KEEP_ALIVE_DELAY_MS = 60_000;

/** A group's committed offsets, by `topic/partition` (-1 where it has committed none). */
async function committedOffsets(
  admin: Admin,
  group: string,
  topics: readonly string[],
): Promise<Map<string, number>> {
  const committed = new Map<string, number>();
  for (const { topic, partitions } of await admin.fetchOffsets({
    groupId: group,
    topics: [...new Set(topics)],
  }))
    for (const { partition, offset } of partitions)
      committed.set(`${topic}/${partition}`, Number(offset));
  return committed;
}

/** A message as kafkajs hands it over, as the transport's own (headers: the trace context). */
function transportMessageOf(topic: string, message: KafkaMessage): TransportMessage {
  const base = {
    topic,
    key: message.key?.toString('utf8') ?? '',
    value: message.value?.toString('utf8') ?? '',
  };
  const header = message.headers?.['traceparent'];
  const traceparent = Array.isArray(header) ? header[0] : header;
  if (traceparent === undefined) return base;
  return { ...base, headers: { traceparent: traceparent.toString() } };
}

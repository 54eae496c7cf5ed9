import {
  Inject,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  contextOf,
  endSpan,
  ServiceLog,
  ServiceMetrics,
  SpanKind,
  tracer,
  withSpan,
  type Context,
  type Span,
} from '@biogate/observability';
import type { EntityManager } from 'typeorm';
import { parseEventMessage, type AcceptedEvents } from '@biogate/contracts';
import {
  DEFAULT_PROCESSED_EVENT_RETENTION,
  IdempotentConsumer,
  PoisonMessageError,
  PROCESSED_EVENT_RETENTION,
  ProcessedEventPurge,
  type ProcessedEventRetentionPolicy,
  type EventTransport,
  type Subscription,
  type TransportMessage,
} from '@biogate/messaging';
import type { DeferredRows, UnitOfWork } from '@biogate/persistence';
import type { ConsumedEvent, EventAppliers } from './event-appliers';
import { RecurringPurge } from './recurring-purge';

/** How often a consumer forgets the ids it applied longer ago than the retention. */
const FORGET_EVERY_MS = 30_000;

/**
 * A service's view of other services' events: subscribes its group to its topics, validates
 * each message before any effect (a malformed one goes to the dead-letter topic), ignores event
 * types it does not read, and applies the rest once each, in the transaction that records them.
 */
export abstract class ServiceEventConsumer
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  /** Set by Nest (property injection reaches every subclass); absent outside an application. */
  @Optional()
  @Inject(ServiceMetrics)
  private readonly metrics?: ServiceMetrics;
  @Optional()
  @Inject(ServiceLog)
  private readonly log?: ServiceLog;
  @Optional()
  @Inject(PROCESSED_EVENT_RETENTION)
  private readonly retention?: ProcessedEventRetentionPolicy;
  private subscription: Subscription | undefined;
  private readonly consumer: IdempotentConsumer;
  private readonly logger: Logger;
  private forget: RecurringPurge | undefined;

  protected constructor(
    private readonly schema: string,
    private readonly group: string,
    private readonly topics: readonly string[],
    private readonly accepted: AcceptedEvents,
    protected readonly unitOfWork: UnitOfWork,
    private readonly transport: EventTransport,
  ) {
    this.consumer = new IdempotentConsumer(schema, group, unitOfWork);
    this.logger = new Logger(group);
  }

  /**
   * The effect of each event type the group reads (every type `accepted` lets through, and no
   * other), applied once each with the event marked processed. Rows added to `later` are written
   * with the rest of the batch's, once its last event is applied (so outside the event's trace
   * span). A batch whose every event is applied as rows (`asRows`) is one statement with its ids,
   * without a transaction (`IdempotentConsumer.applyNew`).
   */
  protected abstract readonly appliers: EventAppliers;

  /** Applies one event by its type's applier, in the unit of work that records it. */
  private apply(em: EntityManager, event: ConsumedEvent, later: DeferredRows): Promise<void> {
    const applier = this.appliers[event.type];
    // parseEventMessage lets through only the accepted types, which the start-up check matched.
    if (applier === undefined) throw new Error(`${this.group} does not read ${event.type}`);
    const onCommit = (work: () => void) => {
      this.unitOfWork.afterCommit(em, work);
    };
    if (applier.kind === 'statements') return applier.apply(em, event, later, onCommit);
    applier.apply(event, later, onCommit);
    return Promise.resolve();
  }

  private appliedAsRows(event: ConsumedEvent): boolean {
    return this.appliers[event.type]?.kind === 'rows';
  }

  /**
   * Refuses to start a consumer whose appliers and accepted types differ: a type accepted and
   * not applied would fail each of its messages, one applied and not accepted is never reached.
   */
  private checkAppliers(): void {
    // Accepted by type and version (`CheckInDecided@1`); every version of a type has one applier.
    const accepted = [...new Set(Object.keys(this.accepted).map((key) => key.split('@')[0]))];
    accepted.sort();
    const applied = Object.keys(this.appliers).sort();
    if (accepted.join() !== applied.join())
      throw new Error(
        `${this.group} reads ${accepted.join(', ') || 'no event'} ` +
          `but applies ${applied.join(', ') || 'no event'}`,
      );
  }

  /** Handles one message as the transport delivers it; exposed for tests of poison messages. */
  async handle(message: TransportMessage): Promise<void> {
    const parsed = parseEventMessage(message.value, this.accepted);
    if (parsed.kind === 'ignored') return;
    if (parsed.kind === 'invalid') {
      this.logger.warn(`dead-lettering a message on ${message.topic}: ${parsed.reason}`);
      throw new PoisonMessageError(parsed.reason);
    }
    const started = performance.now();
    const traced = this.consumerSpan(message, parsed);
    let applied: boolean;
    try {
      applied = await this.consumer.process(parsed.envelope, (em, later) =>
        traced === undefined
          ? this.apply(em, parsed, later)
          : withSpan(traced.span, traced.parent, () => this.apply(em, parsed, later)),
      );
    } catch (error) {
      if (traced !== undefined) endSpan(traced.span, error);
      throw error;
    }
    traced?.span.setAttribute('biogate.duplicate', !applied).end();
    if (applied) {
      this.metrics?.eventsConsumed(message.topic, this.group, 1);
      this.logHandled(message.topic, parsed, performance.now() - started, 1);
    }
  }

  /**
   * Handles a run of messages in one transaction. A malformed one fails the whole run, and the
   * transport then hands them over one at a time, so that only that one is dead-lettered.
   */
  async handleBatch(messages: readonly TransportMessage[]): Promise<void> {
    const events: ConsumedEvent[] = [];
    const topics: string[] = [];
    const accepted: TransportMessage[] = [];
    for (const message of messages) {
      const parsed = parseEventMessage(message.value, this.accepted);
      if (parsed.kind === 'ignored') continue;
      if (parsed.kind === 'invalid') throw new PoisonMessageError(parsed.reason);
      events.push(parsed);
      topics.push(message.topic);
      accepted.push(message);
    }
    if (events.length === 0) return;
    const started = performance.now();
    const traced =
      tracer() === undefined
        ? undefined
        : events.map((event, index) =>
            this.consumerSpan(accepted[index] as TransportMessage, event),
          );
    let applied: number[];
    try {
      applied = await this.consumer.applyNew(
        events.map((event) => event.envelope),
        (em, index, later) => {
          const event = events[index] as ConsumedEvent;
          const span = traced?.[index];
          return span === undefined
            ? this.apply(em, event, later)
            : withSpan(span.span, span.parent, () => this.apply(em, event, later));
        },
        { asRows: events.every((event) => this.appliedAsRows(event)) },
      );
    } catch (error) {
      for (const span of traced ?? []) if (span !== undefined) endSpan(span.span, error);
      throw error;
    }
    if (traced !== undefined) {
      const done = new Set(applied);
      traced.forEach((span, index) =>
        span?.span.setAttribute('biogate.duplicate', !done.has(index)).end(),
      );
    }
    const durationMs = performance.now() - started;
    for (const index of applied)
      this.logHandled(
        topics[index] as string,
        events[index] as ConsumedEvent,
        durationMs,
        events.length,
      );
    if (this.metrics === undefined) return;
    const byTopic = new Map<string, number>();
    for (const index of applied) {
      const topic = topics[index] as string;
      byTopic.set(topic, (byTopic.get(topic) ?? 0) + 1);
    }
    for (const [topic, count] of byTopic) this.metrics.eventsConsumed(topic, this.group, count);
  }

  /** A consumer span, child of the producer's span whose `traceparent` the message carries. */
  private consumerSpan(
    message: TransportMessage,
    event: ConsumedEvent,
  ): { span: Span; parent: Context } | undefined {
    const active = tracer();
    if (active === undefined) return undefined;
    const parent = contextOf(message.headers?.['traceparent']);
    const span = active.startSpan(
      `process ${message.topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': message.topic,
          'messaging.consumer.group.name': this.group,
          'messaging.message.id': event.envelope.eventId,
          'biogate.event_type': event.type,
          'biogate.correlation_id': event.envelope.correlationId,
        },
      },
      parent,
    );
    return { span, parent };
  }

  private logHandled(
    topic: string,
    { type, envelope, payload }: ConsumedEvent,
    durationMs: number,
    batchSize: number,
  ): void {
    if (this.log === undefined || !this.log.logsEvents) return;
    const passengerId = (payload as { passengerId?: unknown }).passengerId;
    this.log.eventHandled({
      group: this.group,
      topic,
      type,
      eventId: envelope.eventId,
      correlationId: envelope.correlationId,
      ...(typeof passengerId === 'string' ? { passengerId } : {}),
      durationMs: Math.round(durationMs * 10) / 10,
      batchSize,
    });
  }

  onApplicationBootstrap(): void {
    this.checkAppliers();
    this.subscription = this.transport.subscribe(
      this.topics,
      this.group,
      (message) => this.handle(message),
      { batch: (messages) => this.handleBatch(messages) },
    );
    const { keepMs } = this.retention ?? DEFAULT_PROCESSED_EVENT_RETENTION;
    if (keepMs === undefined) return;
    const purge = new ProcessedEventPurge(this.schema, this.group, this.unitOfWork, keepMs);
    this.forget = new RecurringPurge(
      FORGET_EVERY_MS,
      () => purge.purge(),
      (error) => {
        this.logger.warn(`processed event ids not purged, will retry: ${String(error)}`);
      },
    );
    this.forget.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.forget?.stop();
    await this.subscription?.close();
  }
}

import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parseEventMessage, type AcceptedEvents, type EventEnvelopeDto } from '@biogate/contracts';
import {
  IdempotentConsumer,
  PoisonMessageError,
  type EventTransport,
  type Subscription,
  type TransportMessage,
} from '@biogate/messaging';
import type { UnitOfWork } from '@biogate/persistence';

export interface ConsumedEvent {
  readonly type: string;
  readonly envelope: EventEnvelopeDto;
  readonly payload: object;
}

/**
 * A service's view of other services' events: subscribes its group to its topics, validates
 * each message before any effect (a malformed one goes to the dead-letter topic), ignores event
 * types it does not read, and applies the rest once each, in the transaction that records them.
 */
export abstract class ServiceEventConsumer
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private subscription: Subscription | undefined;
  private readonly consumer: IdempotentConsumer;
  private readonly logger: Logger;

  protected constructor(
    schema: string,
    private readonly group: string,
    private readonly topics: readonly string[],
    private readonly accepted: AcceptedEvents,
    unitOfWork: UnitOfWork,
    private readonly transport: EventTransport,
  ) {
    this.consumer = new IdempotentConsumer(schema, group, unitOfWork);
    this.logger = new Logger(group);
  }

  /** The effect of one event, inside the transaction that marks it processed. */
  protected abstract apply(em: EntityManager, event: ConsumedEvent): Promise<void>;

  /** Handles one message as the transport delivers it; exposed for tests of poison messages. */
  async handle(message: TransportMessage): Promise<void> {
    const parsed = parseEventMessage(message.value, this.accepted);
    if (parsed.kind === 'ignored') return;
    if (parsed.kind === 'invalid') {
      this.logger.warn(`dead-lettering a message on ${message.topic}: ${parsed.reason}`);
      throw new PoisonMessageError(parsed.reason);
    }
    await this.consumer.process(parsed.envelope, (em) => this.apply(em, parsed));
  }

  /**
   * Handles a run of messages in one transaction. A malformed one fails the whole run, and the
   * transport then hands them over one at a time, so that only that one is dead-lettered.
   */
  async handleBatch(messages: readonly TransportMessage[]): Promise<void> {
    const events: ConsumedEvent[] = [];
    for (const message of messages) {
      const parsed = parseEventMessage(message.value, this.accepted);
      if (parsed.kind === 'ignored') continue;
      if (parsed.kind === 'invalid') throw new PoisonMessageError(parsed.reason);
      events.push(parsed);
    }
    if (events.length === 0) return;
    await this.consumer.processInOrder(
      events.map((event) => event.envelope),
      (em, index) => this.apply(em, events[index] as ConsumedEvent),
    );
  }

  onApplicationBootstrap(): void {
    this.subscription = this.transport.subscribe(
      this.topics,
      this.group,
      (message) => this.handle(message),
      { batch: (messages) => this.handleBatch(messages) },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }
}

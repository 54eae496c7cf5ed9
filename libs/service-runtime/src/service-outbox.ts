import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  Outbox,
  OutboxRelay,
  type EventTransport,
  type OutboxEntry,
  type OutboxInsert,
} from '@biogate/messaging';
import type { UnitOfWork } from '@biogate/persistence';
import type { EntityManager } from 'typeorm';

/**
 * A service's outbox and the relay that delivers it, started with the application and stopped
 * (after its batch in hand) before the database closes.
 */
export class ServiceOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly outbox: Outbox;
  private readonly relay: OutboxRelay;

  constructor(
    schema: string,
    private readonly unitOfWork: UnitOfWork,
    transport: EventTransport,
  ) {
    const logger = new Logger(`${schema}-outbox`);
    this.outbox = new Outbox(schema);
    this.relay = new OutboxRelay(schema, unitOfWork, transport, {
      onError: (error) => {
        logger.error(`relay failed, will retry: ${String(error)}`);
      },
    });
  }

  /** Writes the events in the caller's transaction; the relay wakes once it has committed. */
  async append(em: EntityManager, entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.outbox.append(em, entries);
    this.unitOfWork.afterCommit(em, () => {
      this.relay.nudge();
    });
  }

  /**
   * The events as part of the caller's own statement (`Outbox.insertOf`), parameters numbered
   * from `first`; the relay wakes once the transaction has committed. None for no entries.
   */
  within(
    em: EntityManager,
    entries: readonly OutboxEntry[],
    first: number,
  ): OutboxInsert | undefined {
    if (entries.length === 0) return undefined;
    this.unitOfWork.afterCommit(em, () => {
      this.relay.nudge();
    });
    return this.outbox.insertOf(entries, first);
  }

  /** Rows delivered so far (see `OutboxRelay.sent`). */
  get sent(): number {
    return this.relay.sent;
  }

  /** Delivers everything written so far (tests, scenario steps). */
  drain(): Promise<void> {
    return this.relay.drain();
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

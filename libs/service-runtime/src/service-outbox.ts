import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Outbox, OutboxRelay, type EventTransport, type OutboxEntry } from '@biogate/messaging';
import type { UnitOfWork } from '@biogate/persistence';
import type { EntityManager } from 'typeorm';

/**
 * A service's outbox and the relay that delivers it, started with the application and stopped
 * (after its batch in hand) before the database closes.
 */
export class ServiceOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly outbox: Outbox;
  private readonly relay: OutboxRelay;

  constructor(schema: string, unitOfWork: UnitOfWork, transport: EventTransport) {
    const logger = new Logger(`${schema}-outbox`);
    this.outbox = new Outbox(schema);
    this.relay = new OutboxRelay(schema, unitOfWork, transport, {
      onError: (error) => {
        logger.error(`relay failed, will retry: ${String(error)}`);
      },
    });
  }

  /** Writes the events in the caller's transaction. */
  append(em: EntityManager, entries: readonly OutboxEntry[]): Promise<void> {
    return this.outbox.append(em, entries);
  }

  /** Call after the transaction that appended has committed. */
  committed(): void {
    this.relay.nudge();
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

import {
  Inject,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { GALLERY_ENTRY_STAGED } from '@biogate/contracts';
import { decisionLabelsOf, ServiceMetrics } from '@biogate/observability';
import {
  DEFAULT_OUTBOX_RETENTION,
  deletesOnSend,
  Outbox,
  OUTBOX_RETENTION,
  OutboxRelay,
  SentOutboxPurge,
  type EventTransport,
  type OutboxRetentionPolicy,
  type OutboxEntry,
  type OutboxInsert,
} from '@biogate/messaging';
import type { UnitOfWork } from '@biogate/persistence';
import type { EntityManager } from 'typeorm';
import { RecurringPurge } from './recurring-purge';

/** How long a shutting-down service tries to deliver its outbox before it closes the database. */
const SHUTDOWN_DRAIN_MS = 10_000;

/** How often delivered rows past their retention are deleted. */
const PURGE_EVERY_MS = 10_000;

/**
 * A service's outbox and the relay that delivers it, started with the application and stopped
 * (after its batch in hand) before the database closes.
 */
export class ServiceOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Set by Nest (property injection reaches every subclass); absent outside an application. */
  @Optional()
  @Inject(ServiceMetrics)
  private readonly metrics?: ServiceMetrics;
  @Optional()
  @Inject(OUTBOX_RETENTION)
  private readonly retention?: OutboxRetentionPolicy;
  private readonly outbox: Outbox;
  private delivery: OutboxRelay | undefined;
  private readonly logger: Logger;
  private purge: RecurringPurge | undefined;

  constructor(
    private readonly schema: string,
    private readonly unitOfWork: UnitOfWork,
    private readonly transport: EventTransport,
  ) {
    this.logger = new Logger(`${schema}-outbox`);
    this.outbox = new Outbox(schema);
  }

  private get retentionPolicy(): OutboxRetentionPolicy {
    return this.retention ?? DEFAULT_OUTBOX_RETENTION;
  }

  /** Made at its first use: the retention it follows is injected after the constructor. */
  private get relay(): OutboxRelay {
    this.delivery ??= new OutboxRelay(this.schema, this.unitOfWork, this.transport, {
      soleWriter: this.unitOfWork.ownsDatabase === true,
      deleteSent: deletesOnSend(this.retentionPolicy),
      onError: (error) => {
        this.logger.error(`relay failed, will retry: ${String(error)}`);
      },
    });
    return this.delivery;
  }

  /** Writes the events in the caller's transaction; the relay wakes once it has committed. */
  async append(em: EntityManager, entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.outbox.append(em, entries);
    this.unitOfWork.afterCommit(em, () => {
      this.committed(entries);
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
      this.committed(entries);
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
    this.metrics?.watchOutbox(this.schema, () =>
      this.unitOfWork.read((em) => this.outbox.backlog(em)),
    );
    this.relay.start();
    const purge = new SentOutboxPurge(
      this.schema,
      this.unitOfWork,
      this.retentionPolicy,
      () => this.relay.sent,
    );
    this.purge = new RecurringPurge(
      PURGE_EVERY_MS,
      () => purge.purge(),
      (error) => {
        this.logger.warn(`delivered rows not purged, will retry: ${String(error)}`);
      },
    );
    this.purge.start();
  }

  /** The events are written for good: wake the relay, count the decisions and stagings. */
  private committed(entries: readonly OutboxEntry[]): void {
    this.relay.nudge();
    if (this.metrics === undefined) return;
    for (const { envelope } of entries) {
      if (envelope.type === GALLERY_ENTRY_STAGED.type) this.metrics.templateStaged();
      const decision = decisionLabelsOf(envelope);
      if (decision !== undefined) this.metrics.decided(decision);
    }
  }

  /**
   * After the HTTP server has finished its requests: the relay stops, then delivers what was
   * committed before. A transport that cannot take it within the bound leaves the rows for the
   * next start (here or another instance): nothing is lost either way.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.purge?.stop();
    await this.relay.stop();
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        resolve('timeout');
      }, SHUTDOWN_DRAIN_MS);
    });
    try {
      const drained = await Promise.race([
        this.relay.drain().then(() => 'drained' as const),
        bound,
      ]);
      if (drained === 'timeout')
        this.logger.warn(
          `outbox not drained within ${SHUTDOWN_DRAIN_MS} ms: left for the next start`,
        );
    } catch (error) {
      this.logger.warn(`outbox not drained (${String(error)}): left for the next start`);
    } finally {
      clearTimeout(timer);
    }
  }
}

import type { UnitOfWork } from '@biogate/persistence';
import { toTransportMessage, type EventEnvelope } from './event-envelope';
import type { EventTransport } from './event-transport';
import { assertSchemaName } from './outbox-schema';

export interface OutboxRelayOptions {
  readonly batchSize?: number;
  /** How often to look for rows nobody nudged about (other processes, restarts). */
  readonly pollIntervalMs?: number;
  readonly onError?: (error: unknown) => void;
}

interface OutboxRow {
  seq: string;
  topic: string;
  envelope: EventEnvelope;
}

/**
 * Delivers a service's outbox to the transport. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several relays may run; a row is marked sent in the transaction that claimed it, after the
 * transport accepted it. A crash between the two publishes the row again: consumers are
 * idempotent. Nothing is lost.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private pending = false;

  constructor(
    private readonly schema: string,
    private readonly unitOfWork: UnitOfWork,
    private readonly transport: EventTransport,
    private readonly options: OutboxRelayOptions = {},
  ) {
    assertSchemaName(schema);
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
  }

  /** Publishes one batch; returns how many rows it sent. */
  async relayOnce(): Promise<number> {
    return this.unitOfWork.transaction(async (em) => {
      const rows = await em.query<OutboxRow[]>(
        `SELECT seq, topic, envelope FROM ${this.schema}.outbox
          WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      await this.transport.publish(rows.map((row) => toTransportMessage(row.topic, row.envelope)));
      await em.query(
        `UPDATE ${this.schema}.outbox SET sent_at = now() WHERE seq = ANY($1::bigint[])`,
        [rows.map((row) => row.seq)],
      );
      return rows.length;
    });
  }

  /** Relays until the outbox is empty. */
  async drain(): Promise<void> {
    while ((await this.relayOnce()) > 0) {
      // keep going
    }
  }

  /** Tells the relay that a transaction has just committed outbox rows. */
  nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the batch in hand; rows left are sent by the next start, here or elsewhere. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private nudgedOrStopped(): boolean {
    return this.pending || !this.running;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pending = false;
      let sent = 0;
      try {
        sent = await this.relayOnce();
      } catch (error) {
        this.options.onError?.(error);
      }
      // `pending` and `running` change while relayOnce awaits: read them afresh. A batch short
      // of full took every row committed before it (a row committed since nudged, setting
      // `pending`); asking again at once would mostly find nothing.
      if (sent >= this.batchSize || this.nudgedOrStopped()) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}

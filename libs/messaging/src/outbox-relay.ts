import type { UnitOfWork } from '@biogate/persistence';
import {
  contextOf,
  endSpan,
  SpanKind,
  traceparentOf,
  tracer,
  type Span,
} from '@biogate/observability';
import { toTransportMessage, type EventEnvelope, type TransportMessage } from './event-envelope';
import type { EventTransport } from './event-transport';
import { assertSchemaName } from './outbox-schema';

export interface OutboxRelayOptions {
  readonly batchSize?: number;
  /** How often to look for rows nobody nudged about (other processes, restarts). */
  readonly pollIntervalMs?: number;
  /**
   * How long a nudged relay waits for more commits before it claims rows (default 50 ms): each
   * pass is a transaction here and a batch for every consumer, and with a pass per commit those
   * were more than half of the statements of a live day on PGlite (65,000 for 947 passengers;
   * 34,000 with 50 ms). A full batch goes on at once; a drain does not wait.
   */
  readonly gatherMs?: number;
  /**
   * Nothing but this process writes the outbox (PGlite: the database is the process's), so every
   * row committed comes with a nudge: once a claim found the outbox empty, the next claims are
   * skipped until a nudge, rather than each being a transaction that finds nothing (7 in 10 of
   * a live day's claims: every settle ends each outbox's drain with one). Never for a database
   * that other processes write (another instance's rows come with no nudge here).
   */
  readonly soleWriter?: boolean;
  /**
   * Delete a row as it is sent instead of marking it (an outbox that keeps no delivered row:
   * `OutboxRetentionPolicy.keepSentMs` 0). A mark is an UPDATE, a second version of the row
   * with its payload until a VACUUM; the outbox then holds only what is still to send.
   */
  readonly deleteSent?: boolean;
  readonly onError?: (error: unknown) => void;
}

interface OutboxRow {
  topic: string;
  envelope: EventEnvelope;
  trace_context: string | null;
}

/**
 * A row as a message. Traced, it is a producer span, child of the span that wrote the row, whose
 * `traceparent` travels in the message's headers; untraced here, the row's own trace context
 * travels on as it is, so that a tracing consumer still joins the trace.
 */
function publishingOf(row: OutboxRow): { message: TransportMessage; span?: Span } {
  const stored = row.trace_context ?? undefined;
  const active = tracer();
  if (active === undefined || stored === undefined)
    return { message: toTransportMessage(row.topic, row.envelope, stored) };
  const parent = contextOf(stored);
  const span = active.startSpan(
    `publish ${row.topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': row.topic,
        'messaging.message.id': row.envelope.eventId,
        'biogate.event_type': row.envelope.type,
      },
    },
    parent,
  );
  return {
    message: toTransportMessage(row.topic, row.envelope, traceparentOf(span, parent) ?? stored),
    span,
  };
}

/**
 * Delivers a service's outbox to the transport. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several relays may run; a row is marked sent (or deleted, `deleteSent`) in the transaction
 * that claimed it, after the transport accepted it. A crash between the two publishes the row
 * again: consumers are idempotent. Nothing is lost.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly gatherMs: number;
  /** The claim: marks the rows it takes as sent, or deletes them. */
  private readonly claim: string;
  /** False only when a sole writer's outbox is known empty: nothing nudged since it was. */
  private mayHoldRows = true;
  private running = false;
  /** Ends the loop's pause early: a stop always does, a nudge only while it waits for work. */
  private wake: (() => void) | undefined;
  private wakesOnNudge = false;
  private loop: Promise<void> | undefined;
  private pending = false;
  private sentRows = 0;
  /** The loop's pass in hand, if any. */
  private inFlight: Promise<number> | undefined;

  constructor(
    schema: string,
    private readonly unitOfWork: UnitOfWork,
    private readonly transport: EventTransport,
    private readonly options: OutboxRelayOptions = {},
  ) {
    assertSchemaName(schema);
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.gatherMs = options.gatherMs ?? 50;
    const taken = `seq IN (SELECT seq FROM ${schema}.outbox
                           WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)`;
    const claimed =
      options.deleteSent === true
        ? `DELETE FROM ${schema}.outbox WHERE ${taken}`
        : `UPDATE ${schema}.outbox SET sent_at = now() WHERE ${taken}`;
    this.claim = `WITH claimed AS (${claimed} RETURNING seq, topic, envelope, trace_context)
         SELECT topic, envelope, trace_context FROM claimed ORDER BY seq`;
  }

  /** Publishes one batch; returns how many rows it sent. */
  async relayOnce(): Promise<number> {
    if (this.options.soleWriter === true && !this.mayHoldRows) return 0;
    // A nudge from here on sets it again: its rows may have committed after this claim began.
    this.mayHoldRows = false;
    try {
      const sent = await this.claimAndPublish();
      if (sent >= this.batchSize) this.mayHoldRows = true;
      return sent;
    } catch (error) {
      this.mayHoldRows = true;
      throw error;
    }
  }

  private claimAndPublish(): Promise<number> {
    return this.unitOfWork.transaction(async (em) => {
      // Claimed and marked (or deleted) in one statement; a failed publish rolls it back.
      const rows = await em.query<OutboxRow[]>(this.claim, [this.batchSize]);
      if (rows.length === 0) return 0;
      const publishing = rows.map(publishingOf);
      try {
        await this.transport.publish(publishing.map((p) => p.message));
      } catch (error) {
        for (const { span } of publishing) if (span !== undefined) endSpan(span, error);
        throw error;
      }
      for (const { span } of publishing) span?.end();
      this.sentRows += rows.length;
      return rows.length;
    });
  }

  /**
   * Rows handed to the transport so far, by the loop and by `drain` alike (a row whose mark
   * did not commit counts again when it is sent again): a settle reads it to see whether
   * anything moved.
   */
  get sent(): number {
    return this.sentRows;
  }

  /**
   * Relays until the outbox is empty. The loop's pass in hand ends first: the rows it claimed
   * are locked, and a drain that skipped them would end before they are delivered.
   */
  async drain(): Promise<void> {
    await this.inFlight?.catch(() => 0);
    while ((await this.relayOnce()) > 0) {
      // keep going
    }
  }

  /** Tells the relay that a transaction has just committed outbox rows. */
  nudge(): void {
    this.mayHoldRows = true;
    this.pending = true;
    if (this.wakesOnNudge) this.wake?.();
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

  /** Nudged while running: wait for the commits close behind the one that nudged. */
  private gathers(): boolean {
    return this.running && this.pending && this.gatherMs > 0;
  }

  private nudgedOrStopped(): boolean {
    return this.pending || !this.running;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pending = false;
      let sent = 0;
      try {
        this.inFlight = this.relayOnce();
        sent = await this.inFlight;
      } catch (error) {
        this.options.onError?.(error);
      } finally {
        this.inFlight = undefined;
      }
      // `pending` and `running` change while relayOnce awaits: read them afresh. A batch short
      // of full took every row committed before it (a row committed since nudged, setting
      // `pending`); asking again at once would mostly find nothing.
      if (sent >= this.batchSize) continue;
      if (!this.nudgedOrStopped()) await this.pause(this.pollIntervalMs, true);
      // Nudges during the gather are the commits it waits for: only a stop cuts it short.
      if (this.gathers()) await this.pause(this.gatherMs, false);
    }
  }

  private async pause(ms: number, wakesOnNudge: boolean): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakesOnNudge = wakesOnNudge;
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }
}

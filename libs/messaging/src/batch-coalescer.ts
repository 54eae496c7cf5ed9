import type { TransportMessage } from './event-envelope';
import type { BatchHandler } from './event-transport';

/** The most messages one coalesced batch holds (one transaction's worth, across partitions). */
export const MAX_COALESCED_MESSAGES = 1024;

interface Waiting {
  readonly messages: readonly TransportMessage[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One transaction for what several partitions hand over at the same moment. A consumer works on
 * many partitions at once, and each partition's run would otherwise be a transaction of its own
 * (BEGIN, the idempotency insert, COMMIT) however few its messages. Runs submitted while a
 * batch is being applied wait and go together in the next one, each partition's messages
 * contiguous and in their order; different partitions hold different keys, so their relative
 * order does not matter.
 *
 * All or nothing, as a `BatchHandler`: when the joined batch fails, every run in it is refused,
 * and each partition falls back to one message at a time, so that only the bad message is
 * retried or dead-lettered.
 */
export class BatchCoalescer {
  private readonly waiting: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly batch: BatchHandler,
    private readonly maxMessages: number = MAX_COALESCED_MESSAGES,
  ) {}

  readonly submit: BatchHandler = (messages) =>
    new Promise<void>((resolve, reject) => {
      this.waiting.push({ messages, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        // Let the other partitions of the same fetch hand over their runs first.
        setImmediate(() => void this.drain());
      }
    });

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const taken = this.take();
      try {
        await this.batch(taken.flatMap((w) => w.messages));
        for (const w of taken) w.resolve();
      } catch (error) {
        for (const w of taken) w.reject(error);
      }
    }
    this.draining = false;
  }

  /** The runs waiting, oldest first, up to the size of one batch (always at least one run). */
  private take(): Waiting[] {
    let count = 0;
    let end = 0;
    while (end < this.waiting.length) {
      const size = (this.waiting[end] as Waiting).messages.length;
      if (end > 0 && count + size > this.maxMessages) break;
      count += size;
      end++;
    }
    return this.waiting.splice(0, end);
  }
}

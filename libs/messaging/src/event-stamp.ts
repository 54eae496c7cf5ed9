import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from './event-envelope';

export interface NewEvent<P> {
  readonly type: string;
  readonly version: number;
  readonly key: string;
  readonly payload: P;
}

/**
 * What every event one command raises carries: the producer, the instant and the correlation id.
 * `stamp` makes the envelope of one of them (with its own event id).
 */
export class EventStamp {
  constructor(
    private readonly producer: string,
    readonly occurredAt: string,
    private readonly correlationId: string,
  ) {}

  stamp<P>(event: NewEvent<P>): EventEnvelope<P> {
    return {
      eventId: randomUUID(),
      type: event.type,
      version: event.version,
      occurredAt: this.occurredAt,
      key: event.key,
      correlationId: this.correlationId,
      producer: this.producer,
      payload: event.payload,
    };
  }
}

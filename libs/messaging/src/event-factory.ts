import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from './event-envelope';

export interface NewEvent<P> {
  readonly type: string;
  readonly version: number;
  readonly key: string;
  readonly payload: P;
}

/** Stamps events raised by one command: same producer, instant and correlation id. */
export class EventFactory {
  constructor(
    private readonly producer: string,
    readonly occurredAt: string,
    private readonly correlationId: string,
  ) {}

  create<P>(event: NewEvent<P>): EventEnvelope<P> {
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

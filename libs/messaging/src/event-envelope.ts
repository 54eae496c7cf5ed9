/**
 * What travels on every topic: the event and what a consumer needs to handle it exactly once,
 * in order, and to trace it. Keyed by passenger so one passenger's events stay ordered.
 */
export interface EventEnvelope<P = unknown> {
  readonly eventId: string;
  readonly type: string;
  readonly version: number;
  /** ISO 8601 instant on the service's clock (simulated in scenarios). */
  readonly occurredAt: string;
  /** Partition key: the passenger id. */
  readonly key: string;
  readonly correlationId: string;
  /** The service that raised it. */
  readonly producer: string;
  readonly payload: P;
}

/** One message as a transport carries it. */
export interface TransportMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  /** Kafka headers: the W3C `traceparent` of the span that produced it, when traced. */
  readonly headers?: Readonly<Record<string, string>>;
}

export function toTransportMessage(
  topic: string,
  envelope: EventEnvelope,
  traceparent?: string,
): TransportMessage {
  const message = { topic, key: envelope.key, value: JSON.stringify(envelope) };
  return traceparent === undefined ? message : { ...message, headers: { traceparent } };
}

/** Events between services: envelope, transport port, outbox, relay, idempotent consumer. */
export * from './event-envelope';
export * from './event-stamp';
export * from './event-transport';
export * from './idempotent-consumer';
export * from './in-process-transport';
export * from './kafka-transport';
export * from './outbox';
export * from './outbox-relay';
export * from './outbox-retention';
export * from './outbox-schema';
export * from './poison-message';
export * from './processed-event-retention';
export * from './dead-letter-log';

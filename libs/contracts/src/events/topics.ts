/**
 * Topics by event family. Passenger events are keyed by passenger id (operations events by
 * airport), so one passenger's events stay
 * in order on one partition. Templates travel only, encrypted, on the gallery topic.
 */
export const TOPICS = {
  /** Bookings, check-ins, boarding passes, security and boarding decisions. */
  journey: 'biogate.journey.v1',
  /** Enrolment, consent withdrawal, template deletion: identity references only. */
  identity: 'biogate.identity.v1',
  /** Airport operations: outages declared and cleared, keyed by airport code. */
  operations: 'biogate.operations.v1',
  /** Restricted: encrypted templates staged for the gates of a flight. Gates only. */
  gallery: 'biogate.gallery.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/**
 * Topics by event family. Every event is keyed by passenger id, so one passenger's events stay
 * in order on one partition. Templates never travel on these topics.
 */
export const TOPICS = {
  /** Bookings, check-ins, boarding passes, security and boarding decisions. */
  journey: 'biogate.journey.v1',
  /** Enrolment, consent withdrawal, template deletion: identity references only. */
  identity: 'biogate.identity.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

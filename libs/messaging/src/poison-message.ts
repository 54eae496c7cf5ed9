/**
 * A message that will never be processed however often it is retried (it does not parse, or
 * breaks its contract): it goes to the dead-letter topic at once.
 */
export class PoisonMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

/** What the dead-letter topic holds: the original bytes and why they were refused. */
export interface DeadLetter {
  readonly topic: string;
  readonly key: string;
  readonly group: string;
  readonly error: string;
  readonly attempts: number;
  readonly value: string;
}

import type { InputError } from './input-error';

/**
 * What a use case refuses, independent of the transport that asked: HTTP maps these to 400, 403,
 * 404 and 409; the CLI to its exit codes.
 */
export class InputRejectedError extends Error {
  constructor(
    message: string,
    readonly errors: readonly InputError[],
  ) {
    super(message);
    this.name = 'InputRejectedError';
  }
}

export class AccessDeniedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

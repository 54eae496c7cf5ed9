import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { describeValue, InputRejectedError } from '@biogate/contracts';

const CORRELATION_ID = /^[\x21-\x7E]{1,128}$/;

/**
 * The caller's `x-correlation-id` (1-128 visible ASCII characters), or a new UUID when none is
 * sent. It travels in every event the request raises, so a malformed one is a 400, not a row.
 */
export function correlationIdOf(request: Request): string {
  const header = request.headers['x-correlation-id'];
  if (header === undefined) return randomUUID();
  if (typeof header === 'string' && CORRELATION_ID.test(header)) return header;
  throw new InputRejectedError('invalid request headers', [
    {
      path: 'headers.x-correlation-id',
      message: `expected 1-128 visible ASCII characters, got ${describeValue(header)}`,
    },
  ]);
}

export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  correlationIdOf(context.switchToHttp().getRequest<Request>()),
);

import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { describeValue } from '@biogate/contracts';

const CORRELATION_ID = /^[\x21-\x7E]{1,128}$/;

/**
 * Every request: an `x-correlation-id`, when sent, is 1-128 visible ASCII characters. It travels
 * in every event the request raises, so a malformed one is a 400 naming the header, on every
 * route alike.
 */
export function checkCorrelationId(request: Request, response: Response, next: NextFunction): void {
  const header = request.headers['x-correlation-id'];
  if (header === undefined || (typeof header === 'string' && CORRELATION_ID.test(header))) {
    next();
    return;
  }
  response.status(400).json({
    statusCode: 400,
    error: 'Bad Request',
    message: 'invalid request headers',
    errors: [
      {
        path: 'headers.x-correlation-id',
        message: `expected 1-128 visible ASCII characters, got ${describeValue(header)}`,
      },
    ],
  });
}

/** The caller's correlation id (checked by checkCorrelationId), or a new UUID. */
export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const header = context.switchToHttp().getRequest<Request>().headers['x-correlation-id'];
  return typeof header === 'string' ? header : randomUUID();
});

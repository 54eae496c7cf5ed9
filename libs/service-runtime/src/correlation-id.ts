import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { describeValue } from '@biogate/contracts';

const CORRELATION_ID = /^[\x21-\x7E]{1,128}$/;

const assigned = new WeakMap<Request, string>();

/**
 * The request's correlation id: the caller's `x-correlation-id` when it is well formed, or else
 * one made up for it, the same for the request's log line and every event it raises.
 */
export function correlationIdOf(request: Request): string {
  const header = request.headers['x-correlation-id'];
  if (typeof header === 'string' && CORRELATION_ID.test(header)) return header;
  let id = assigned.get(request);
  if (id === undefined) {
    id = randomUUID();
    assigned.set(request, id);
  }
  return id;
}

/**
 * Every request: an `x-correlation-id`, when sent, is 1-128 visible ASCII characters. It travels
 * in every event the request raises, so a malformed one is a 400 naming the header, on every
 * route alike. The answer carries the id back, so that a caller can find the request in the logs.
 */
export function checkCorrelationId(request: Request, response: Response, next: NextFunction): void {
  const header = request.headers['x-correlation-id'];
  if (header === undefined || (typeof header === 'string' && CORRELATION_ID.test(header))) {
    response.setHeader('x-correlation-id', correlationIdOf(request));
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

/** The request's correlation id (correlationIdOf). */
export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  correlationIdOf(context.switchToHttp().getRequest<Request>()),
);

import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { NextFunction, Request, Response } from 'express';
import type { Tracer } from '@opentelemetry/api';
import {
  contextOf,
  endSpan,
  SpanKind,
  SpanStatusCode,
  tracer as activeTracer,
  withSpan,
} from '@biogate/observability';
import { correlationIdOf } from './correlation-id';

/**
 * A server span per request, continuing the caller's trace (`traceparent`), named by the route's
 * template once the router has run (a path holds PNRs and document numbers; the template does
 * not). The request's work runs inside it, so the command, the outbox rows and what the events
 * cause in other services join the trace.
 */
export function httpTracing(tracer: Tracer) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const header = request.headers['traceparent'];
    const parent = contextOf(typeof header === 'string' ? header : undefined);
    const span = tracer.startSpan(
      request.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method } },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = (request.route as { path?: unknown } | undefined)?.path;
      if (typeof route === 'string') {
        span.updateName(`${request.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttributes({
        'http.response.status_code': response.statusCode,
        'biogate.correlation_id': correlationIdOf(request),
      });
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    response.once('finish', end);
    response.once('close', end);
    withSpan(span, parent, next);
  };
}

/**
 * A span per command and per query, named by its class (`CheckInPassengerCommand`), inside the
 * request's span: the use case as one step of the trace. Only when tracing runs.
 */
@Injectable()
export class UseCaseTracing implements OnApplicationBootstrap {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  onApplicationBootstrap(): void {
    const tracer = activeTracer();
    if (tracer === undefined) return;
    for (const bus of [this.commands, this.queries] as { execute(m: object): Promise<unknown> }[]) {
      const execute = bus.execute.bind(bus);
      bus.execute = (message: object) =>
        tracer.startActiveSpan(message.constructor.name, async (span) => {
          try {
            const result = await execute(message);
            span.end();
            return result;
          } catch (error) {
            endSpan(span, error);
            throw error;
          }
        });
    }
  }
}

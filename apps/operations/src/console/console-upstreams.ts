import {
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ServiceEnvironmentError } from '@biogate/service-runtime';

/** The services the console's actions go to, when the operations service runs alone. */
export interface ConsoleUpstreams {
  readonly checkin: string;
  readonly security: string;
  readonly boarding: string;
}

const URL_LIST = /^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+){2}$/;

/**
 * `BIOGATE_CONSOLE_UPSTREAMS=CHECKIN,SECURITY,BOARDING` (base URLs, as `biogate live --target`
 * takes them): where a standalone operations service forwards the console's actions. Unset: the
 * actions are served in this process (the embedded default).
 */
export function readConsoleUpstreams(env: NodeJS.ProcessEnv): ConsoleUpstreams | undefined {
  const value = env.BIOGATE_CONSOLE_UPSTREAMS;
  if (value === undefined || value === '') return undefined;
  if (!URL_LIST.test(value)) {
    throw new ServiceEnvironmentError([
      `BIOGATE_CONSOLE_UPSTREAMS: expected three http(s) base URLs (check-in, security gate, boarding gate) separated by commas, got ${JSON.stringify(value.slice(0, 200))}`,
    ]);
  }
  const [checkin, security, boarding] = value.split(',').map((url) => url.replace(/\/+$/, ''));
  return { checkin: checkin ?? '', security: security ?? '', boarding: boarding ?? '' };
}

/** The service that answers an action of the console, by its path; none for anything else. */
export function upstreamOf(upstreams: ConsoleUpstreams, path: string): string | undefined {
  if (/^\/v1\/airports\/[^/]+\/outages(\/[^/]+)?$/.test(path)) return upstreams.checkin;
  if (path === '/v1/security/presentations') return upstreams.security;
  if (/^\/v1\/boarding\/(flights\/(open|close)|presentations)$/.test(path))
    return upstreams.boarding;
  return undefined;
}

const FORWARDED_HEADERS = ['x-api-key', 'x-correlation-id', 'content-type'] as const;

/**
 * Forwards the console's actions (outages, boarding, presentations at a lane) to the services
 * that own them, with the caller's key: they decide, as for any program. The answer comes back
 * as it was; a service that does not answer is a 502 that names it.
 */
function forwardConsoleActions(upstreams: ConsoleUpstreams) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const upstream = upstreamOf(upstreams, request.path);
    if (upstream === undefined) {
      next();
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = request.header(name);
      if (value !== undefined) headers[name] = value;
    }
    const withBody = request.method === 'POST' || request.method === 'PUT';
    fetch(`${upstream}${request.originalUrl}`, {
      method: request.method,
      headers,
      ...(withBody && request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      signal: AbortSignal.timeout(30_000),
    })
      .then(async (answer) => {
        response
          .status(answer.status)
          .type(answer.headers.get('content-type') ?? 'application/json')
          .send(await answer.text());
      })
      .catch((error: unknown) => {
        response.status(502).json({
          statusCode: 502,
          error: 'Bad Gateway',
          message: `the service at ${upstream} did not answer: ${error instanceof Error ? error.message : String(error)}`,
        });
      });
  };
}

const CONSOLE_UPSTREAMS = Symbol('CONSOLE_UPSTREAMS');

/** In a standalone operations service: the console's actions forwarded to their services. */
@Module({})
export class ConsoleUpstreamsModule implements NestModule {
  constructor(@Inject(CONSOLE_UPSTREAMS) private readonly upstreams: ConsoleUpstreams) {}

  static forRoot(upstreams: ConsoleUpstreams): DynamicModule {
    return {
      module: ConsoleUpstreamsModule,
      providers: [{ provide: CONSOLE_UPSTREAMS, useValue: upstreams }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Every path: upstreamOf picks the console's actions and lets anything else through.
    consumer
      .apply(forwardConsoleActions(this.upstreams))
      .forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}

import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Level } from 'pino';
import { pinoHttp } from 'pino-http';
import type { ServiceLog } from '@biogate/observability';
import { correlationIdOf } from './correlation-id';

const PASSENGER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The passenger a request was about, once its answer is known (see `notePassengerOfAnswer`). */
const passengerOfResponse = new WeakMap<Response, string>();

/** Probes and scrapes come every few seconds: their lines only at debug. */
const PROBES = /^\/(health|metrics)(\/|$)/;

function passengerOf(response: Response): { passengerId?: string } {
  const passengerId = passengerOfResponse.get(response);
  return passengerId === undefined ? {} : { passengerId };
}

function routeOf(request: Request): string {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? route : 'unmatched';
}

/**
 * A line per request when its answer has gone (pino-http): method, the route's template (a path
 * holds PNRs and document numbers; the template does not), status, duration, the correlation id
 * that travels in the events the request raised, and the passenger when there was one. Mounted
 * before every other middleware, so that requests the header and body checks refuse are logged
 * too.
 */
export function requestLogging(log: ServiceLog) {
  const logRequest = pinoHttp<Request, Response>({
    logger: log.logger,
    genReqId: (request) => correlationIdOf(request),
    customAttributeKeys: { reqId: 'correlationId', responseTime: 'durationMs' },
    // Nothing bound at the start: the route is known only once the router has run.
    quietReqLogger: true,
    quietResLogger: true,
    customSuccessObject: (request, response, line: object) => requestLine(request, response, line),
    customErrorObject: (request, response, _error, line: object) =>
      requestLine(request, response, line),
    customLogLevel: (request, response, error) => {
      if (error !== undefined || response.statusCode >= 500) return 'error';
      if (response.statusCode >= 400) return 'warn';
      return PROBES.test(request.path) ? 'debug' : 'info';
    },
    customSuccessMessage: (request, response) =>
      `${request.method} ${routeOf(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) =>
      `${request.method} ${routeOf(request)} ${response.statusCode}`,
  });
  return (request: Request, response: Response, next: NextFunction): void => {
    notePassengerOfAnswer(request, response);
    logRequest(request, response, next);
  };
}

/** What a request's line holds, in place of pino-http's serialised request and response. */
function requestLine(request: Request, response: Response, line: object): object {
  return {
    method: request.method,
    route: routeOf(request),
    statusCode: response.statusCode,
    ...passengerOf(response),
    ...line,
    // pino-http's own: the status is above; a 5xx's error is logged by the error filter.
    res: undefined,
    err: undefined,
  };
}

/**
 * Names the passenger a request was about in its log line: the one its answer names, or else the
 * one in its path or body. Only an id of the passenger id's shape is taken, so a caller cannot
 * smuggle a document number into the log through the field. Nest answers every object through
 * Express's `json`; read there rather than by a Nest interceptor, which put an observable chain
 * and two async-resource bindings in every request (about 3% of a live day's CPU) even with
 * logging off.
 */
function notePassengerOfAnswer(request: Request, response: Response): void {
  const json = response.json.bind(response);
  response.json = (answer: unknown) => {
    const passengerId =
      passengerIdIn(answer) ?? passengerIdIn(request.params) ?? passengerIdIn(request.body);
    if (passengerId !== undefined) passengerOfResponse.set(response, passengerId);
    return json(answer);
  };
}

function passengerIdIn(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { passengerId?: unknown }).passengerId;
  return typeof id === 'string' && PASSENGER_ID.test(id) ? id : undefined;
}

/** Nest's own start-up chatter (each module and route mapped): kept for debug. */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Nest's logger (every `new Logger(context)`) writing into the service's log. */
export class NestLogBridge implements LoggerService {
  constructor(private readonly serviceLog: ServiceLog) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    // Nest passes the context last, and for errors a stack before it.
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (level === 'error' && typeof params[0] === 'string') fields['stack'] = params[0];
    const logger = this.serviceLog.logger;
    const at = context !== undefined && START_UP_CONTEXTS.has(context) ? 'debug' : level;
    if (message instanceof Error) logger[at]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) logger[at]({ ...fields, ...message });
    else logger[at](fields, String(message));
  }
}

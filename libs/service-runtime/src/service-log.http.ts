import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Level } from 'pino';
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
 * A line per request when its answer has gone: method, the route's template (a path holds PNRs
 * and document numbers; the template does not), status, duration, the correlation id that
 * travels in the events the request raised, and the passenger when there was one. Mounted before
 * every other middleware, so that requests the header and body checks refuse are logged too.
 *
 * Written here rather than by pino-http, which made two child loggers per request and serialised
 * the request's headers into one of them for a line that holds none of it (about 35 µs a request
 * against a few for this).
 */
export function requestLogging(log: ServiceLog) {
  const logger = log.logger;
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = Date.now();
    notePassengerOfAnswer(request, response);
    // The first of finish (answered), close (answered, or the caller went away first) and error:
    // it takes the three listeners off, so the line is written once.
    const writeLine = (aborted: boolean, error?: unknown): void => {
      response.off('finish', onFinish);
      response.off('close', onClose);
      response.off('error', onError);
      const level = aborted ? 'warn' : levelOf(request, response, error);
      if (!logger.isLevelEnabled(level)) return;
      const route = routeOf(request);
      logger[level](
        {
          correlationId: correlationIdOf(request),
          method: request.method,
          route,
          // When aborted, only what the handler had set so far.
          statusCode: response.statusCode,
          ...(aborted ? { aborted } : {}),
          ...passengerOf(response),
          durationMs: Date.now() - started,
        },
        `${request.method} ${route} ${aborted ? 'aborted by the caller' : response.statusCode}`,
      );
    };
    const onFinish = (): void => {
      writeLine(false);
    };
    const onClose = (): void => {
      writeLine(!response.writableEnded);
    };
    const onError = (error: unknown): void => {
      writeLine(false, error);
    };
    response.on('finish', onFinish);
    response.on('close', onClose);
    response.on('error', onError);
    next();
  };
}

/** A 5xx's error is logged by the error filter; its request line says only that it failed. */
function levelOf(request: Request, response: Response, error: unknown): Level {
  if (error !== undefined || response.statusCode >= 500) return 'error';
  if (response.statusCode >= 400) return 'warn';
  return PROBES.test(request.path) ? 'debug' : 'info';
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

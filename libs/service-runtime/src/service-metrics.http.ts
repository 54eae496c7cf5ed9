import { createServer, type Server } from 'node:http';
import {
  Controller,
  Get,
  Inject,
  Injectable,
  Res,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { DeadLetterLog, EVENT_TRANSPORT, type EventTransport } from '@biogate/messaging';
import { ServiceMetrics } from '@biogate/observability';
import { PublicRoute } from './access-control';
import type { GalleryCipher } from '@biogate/biometrics';
import { GALLERY_CIPHER, TEMPLATE_CIPHER } from './platform-tokens';
import type { TemplateCipher } from '@biogate/biometrics';

/**
 * `GET /metrics`: Prometheus's text format, outside the API keys (scrapers carry none). Not in
 * the API documentation: it is for the scraper, not for integrators.
 */
@Controller('metrics')
@PublicRoute()
@ApiExcludeController()
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    const { contentType, text } = await this.metrics.exposition();
    // As prom-client writes it (Express's send would reorder the type's parameters).
    response.status(200).setHeader('content-type', contentType);
    response.end(text);
  }
}

/**
 * The metrics read from the platform's ports rather than counted by the services: what the
 * transport dead-letters (malformed, or retried out), how far its consumer groups are behind,
 * and the templates the two ciphers decrypted.
 */
@Injectable()
export class PlatformMetrics implements OnModuleInit, OnModuleDestroy {
  private stop: (() => void) | undefined;

  constructor(
    private readonly deadLetters: DeadLetterLog,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    @Inject(TEMPLATE_CIPHER) private readonly templates: TemplateCipher,
    @Inject(GALLERY_CIPHER) private readonly galleries: GalleryCipher,
    private readonly metrics: ServiceMetrics,
  ) {}

  onModuleInit(): void {
    this.stop = this.deadLetters.listen((letter) => {
      this.metrics.eventDeadLettered(letter.topic, letter.group);
    });
    const transport = this.transport;
    if (transport.consumerLag !== undefined)
      this.metrics.watchConsumerLag(() => transport.consumerLag?.() ?? Promise.resolve([]));
    this.metrics.watchTemplatesOpened('enrolment', () => this.templates.opened);
    this.metrics.watchTemplatesOpened('gallery', () => this.galleries.opened);
  }

  onModuleDestroy(): void {
    this.stop?.();
  }
}

/**
 * Times every request from arrival to the end of its answer, labelled with the route's template
 * (`/v1/airports/:airport/outages`), never the path itself: a path holds ids and codes, which
 * would make a series per passenger. What no API route answered is `unmatched`.
 */
export function httpRequestTiming(metrics: ServiceMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = (request.route as { path?: unknown } | undefined)?.path;
      metrics.httpRequest(
        request.method,
        typeof route === 'string' ? route : 'unmatched',
        response.statusCode,
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };
}

/** `/metrics` on a port of its own (BIOGATE_METRICS_PORT), kept off the API's port. */
export async function serveMetrics(
  metrics: ServiceMetrics,
  port: number,
  host: string,
): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    metrics.exposition().then(
      ({ contentType, text }) => response.writeHead(200, { 'content-type': contentType }).end(text),
      (error: unknown) =>
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}

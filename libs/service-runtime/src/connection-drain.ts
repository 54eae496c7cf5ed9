import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * How a service stops taking requests without cutting any off.
 *
 * A process told to stop (`refuseNewRequests`, on SIGTERM) first answers every new request 503
 * with `Retry-After` (readiness too, so a load balancer takes it out), while the requests it had
 * taken finish; only after a grace period does it close its listener. Closing at once would reset
 * the connections the kernel had accepted and the server not yet read. Liveness still answers:
 * the process is alive until it exits.
 *
 * Once the application shuts down, every answer also closes its connection: a client on a
 * kept-alive connection (a console that reconnects its live stream every second) would otherwise
 * keep sending requests on it, and the server's close would wait for it.
 */
@Injectable()
export class ConnectionDrain implements BeforeApplicationShutdown {
  private closing = false;
  private refusing = false;

  /** New requests are refused (503) from now on; those under way go on. */
  refuseNewRequests(): void {
    this.refusing = true;
    this.closing = true;
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
  }

  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (this.closing) response.setHeader('connection', 'close');
    if (!this.refusing || request.path === '/health/live') {
      next();
      return;
    }
    response.setHeader('retry-after', '1');
    response.status(503).json({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'shutting down: send the request to another instance',
    });
  };
}

import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Once the application starts to shut down, every answer closes its connection: a client on a
 * kept-alive connection (a console that reconnects its live stream every second) would otherwise
 * keep sending requests on it, and the server's close would wait for it.
 */
@Injectable()
export class ConnectionDrain implements BeforeApplicationShutdown {
  private draining = false;

  beforeApplicationShutdown(): void {
    this.draining = true;
  }

  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    if (this.draining) response.setHeader('connection', 'close');
    next();
  };
}

import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';

/**
 * Nest's Express adapter, with an HTTP server that builds each request and response as Express's
 * own from the start. Express otherwise gives every request and response its prototypes
 * (`Object.setPrototypeOf` in `app.handle`) after node built them: each object changes shape, and
 * every property read on them after that, in Express, Nest and the middleware, misses V8's inline
 * caches. Measured on a bare Express app, 5,000 keep-alive GETs: about 240 us of CPU a request,
 * 100 built this way (node's `http` alone: 90). Express's own `setPrototypeOf` then finds the
 * prototype in place and changes nothing.
 */
export class ExpressShapedAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // HTTPS and Nest's own connection tracking stay Nest's (the services use neither).
    if (options.httpsOptions !== undefined || options.forceCloseConnections === true) {
      super.initHttpServer(options);
      return;
    }
    const app = this.getInstance<Express>();
    this.httpServer = createServer(
      {
        IncomingMessage: constructing(IncomingMessage, app.request),
        ServerResponse: constructing(ServerResponse, app.response),
      },
      app,
    );
  }
}

/**
 * A constructor that runs node's `base` (IncomingMessage or ServerResponse: plain constructor
 * functions, not classes, so they can be applied) on objects whose prototype is `prototype`.
 */
function constructing<C extends typeof IncomingMessage | typeof ServerResponse>(
  base: C,
  prototype: object,
): C {
  function Constructed(this: object, ...args: unknown[]): void {
    Reflect.apply(base, this, args);
  }
  Constructed.prototype = prototype;
  return Constructed as unknown as C;
}

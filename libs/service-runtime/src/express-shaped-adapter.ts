import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
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
      { IncomingMessage: requestsOf(app), ServerResponse: responsesOf(app) },
      app,
    );
  }
}

/** node's IncomingMessage, constructing objects whose prototype is Express's `app.request`. */
function requestsOf(app: Express): typeof IncomingMessage {
  function ExpressRequest(this: IncomingMessage, socket: Socket): void {
    // node's IncomingMessage is a plain constructor function, not a class: it can be applied.
    Reflect.apply(IncomingMessage, this, [socket]);
  }
  ExpressRequest.prototype = app.request;
  return ExpressRequest as unknown as typeof IncomingMessage;
}

/** node's ServerResponse, constructing objects whose prototype is Express's `app.response`. */
function responsesOf(app: Express): typeof ServerResponse {
  function ExpressResponse(this: ServerResponse, request: IncomingMessage, options: unknown): void {
    Reflect.apply(ServerResponse, this, [request, options]);
  }
  ExpressResponse.prototype = app.response;
  return ExpressResponse as unknown as typeof ServerResponse;
}

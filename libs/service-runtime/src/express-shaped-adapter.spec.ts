import 'reflect-metadata';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import { ExpressShapedAdapter } from './express-shaped-adapter';

@Controller('echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown): unknown {
    return { echoed: body };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('ExpressShapedAdapter', () => {
  let app: INestApplication;
  let url: string;
  const arrived: { request: unknown; response: unknown }[] = [];

  beforeAll(async () => {
    app = await NestFactory.create(EchoModule, new ExpressShapedAdapter(), { logger: false });
    // Express's helpers, as the services' middleware use them.
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.header('x-refuse') === 'yes') response.status(418).json({ refused: true });
      else next();
    });
    await app.listen(0, '127.0.0.1');
    const server = app.getHttpServer() as Server;
    // Ahead of Express's own listener: the objects as node built them.
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      arrived.push({
        request: Object.getPrototypeOf(request),
        response: Object.getPrototypeOf(response),
      });
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
  });

  it("builds each request and response with Express's prototypes already", async () => {
    arrived.length = 0;
    const express = app.getHttpAdapter().getInstance() as Express;

    await fetch(`${url}/echo`, { method: 'POST' });

    expect(arrived).toEqual([{ request: express.request, response: express.response }]);
  });

  it('serves a route, its body parsed and its answer sent, as before', async () => {
    const response = await fetch(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seat: '12A' }),
    });

    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ echoed: { seat: '12A' } });
  });

  it("gives middleware Express's request and response helpers", async () => {
    const response = await fetch(`${url}/echo`, { method: 'POST', headers: { 'x-refuse': 'yes' } });

    expect(response.status).toBe(418);
    expect(await response.json()).toEqual({ refused: true });
  });
});

import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Request, Response } from 'express';
import { ServiceLog, type LogLevel } from '@biogate/observability';
import { requestLogging } from './service-log.http';

type Line = Record<string, unknown>;

const PASSENGER = '0b7a2f0c-5f1e-4c3e-9d2b-7a1c2e3f4a5b';

function logOf(level: LogLevel = 'info') {
  const lines: Line[] = [];
  const log = new ServiceLog('biogate', {
    level,
    destination: { write: (chunk: string) => void lines.push(JSON.parse(chunk) as Line) },
  });
  return { middleware: requestLogging(log), lines };
}

/** A request as Express hands it on: the route matched (or not), headers as sent. */
function exchange(options: { path?: string; route?: string; headers?: Record<string, string> }) {
  const request = new IncomingMessage(new Socket()) as unknown as Request;
  const path = options.path ?? '/v1/check-ins';
  Object.assign(request, {
    method: 'POST',
    url: path,
    path,
    headers: options.headers ?? {},
    params: {},
    body: {},
    ...(options.route === undefined ? {} : { route: { path: options.route } }),
  });
  const response = new ServerResponse(request) as unknown as Response;
  // What Express's own `json` does is not this spec's concern: it only has to be called.
  response.json = () => response;
  return { request, response };
}

describe('requestLogging', () => {
  it.each([
    [201, '/v1/check-ins', 'info'],
    [400, '/v1/check-ins', 'warn'],
    [404, '/v1/check-ins', 'warn'],
    [500, '/v1/check-ins', 'error'],
    [503, '/health/ready', 'error'],
  ])('answers %i at %s: a line at %s', (status, path, level) => {
    const { middleware, lines } = logOf();
    const { request, response } = exchange({ path, route: path });
    middleware(request, response, () => undefined);
    response.statusCode = status;
    response.emit('finish');
    expect(lines).toEqual([expect.objectContaining({ level, statusCode: status })]);
  });

  it('keeps probes that succeed for debug', () => {
    const atInfo = logOf('info');
    const atDebug = logOf('debug');
    for (const { middleware } of [atInfo, atDebug]) {
      const { request, response } = exchange({ path: '/health/live', route: '/health/live' });
      middleware(request, response, () => undefined);
      response.emit('finish');
    }
    expect(atInfo.lines).toEqual([]);
    expect(atDebug.lines).toEqual([expect.objectContaining({ level: 'debug', statusCode: 200 })]);
  });

  it('writes the route template, the correlation id, the passenger and the duration', () => {
    const { middleware, lines } = logOf();
    const { request, response } = exchange({
      path: '/v1/passengers/0b7a2f0c/channels',
      route: '/v1/passengers/:passengerId/channels',
      headers: { 'x-correlation-id': 'corr-1' },
    });
    let nextCalled = false;
    middleware(request, response, () => {
      nextCalled = true;
    });
    expect(nextCalled).toBe(true);
    response.json({ passengerId: PASSENGER });
    response.emit('finish');
    expect(lines).toEqual([
      expect.objectContaining({
        service: 'biogate',
        level: 'info',
        msg: 'POST /v1/passengers/:passengerId/channels 200',
        correlationId: 'corr-1',
        method: 'POST',
        route: '/v1/passengers/:passengerId/channels',
        statusCode: 200,
        passengerId: PASSENGER,
        durationMs: expect.any(Number),
      }),
    ]);
    // The path (which may hold a PNR or a document number) is never written.
    expect(JSON.stringify(lines)).not.toContain('0b7a2f0c/channels');
  });

  it('names no passenger from an answer whose id is not of a passenger id’s shape', () => {
    const { middleware, lines } = logOf();
    const { request, response } = exchange({ route: '/v1/check-ins' });
    middleware(request, response, () => undefined);
    response.json({ passengerId: '079201001234' });
    response.emit('finish');
    expect(lines[0]).not.toHaveProperty('passengerId');
  });

  it('writes "unmatched" for a request no route took', () => {
    const { middleware, lines } = logOf();
    const { request, response } = exchange({ path: '/v1/nowhere' });
    middleware(request, response, () => undefined);
    response.statusCode = 404;
    response.emit('finish');
    expect(lines[0]).toMatchObject({ route: 'unmatched', msg: 'POST unmatched 404' });
  });

  it('writes one line when the answer is sent and the connection then closes', () => {
    const { middleware, lines } = logOf();
    const { request, response } = exchange({ route: '/v1/check-ins' });
    middleware(request, response, () => undefined);
    response.emit('finish');
    response.emit('close');
    expect(lines).toHaveLength(1);
    expect(response.listenerCount('close')).toBe(0);
  });

  it('writes a line for a caller that went away before the answer, and one at error for a failure', () => {
    const gone = logOf();
    const first = exchange({ route: '/v1/check-ins' });
    gone.middleware(first.request, first.response, () => undefined);
    first.response.emit('close');
    expect(gone.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        aborted: true,
        msg: 'POST /v1/check-ins aborted by the caller',
      }),
    ]);

    const failed = logOf();
    const second = exchange({ route: '/v1/check-ins' });
    failed.middleware(second.request, second.response, () => undefined);
    second.response.emit('error', new Error('socket hang up'));
    expect(failed.lines).toEqual([expect.objectContaining({ level: 'error' })]);
    expect(failed.lines[0]).not.toHaveProperty('err');
  });
});

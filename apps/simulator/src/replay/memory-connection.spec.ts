import { Agent, createServer, request, type Server } from 'node:http';
import { memoryConnectionTo } from './memory-connection';

/** A server that never listens: echoes each body with its method and the connection's number. */
function echoServer(): { server: Server; connections: () => number } {
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          method: req.method,
          remote: req.socket.remoteAddress,
          length: Buffer.concat(chunks).length,
          body: Buffer.concat(chunks).toString('utf8').slice(0, 20),
        }),
      );
    });
  });
  server.on('connection', () => connections++);
  return { server, connections: () => connections };
}

function call(agent: Agent, method: string, body?: string) {
  return new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
    const req = request('http://memory.invalid/echo', { method, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('memoryConnectionTo', () => {
  let server: Server;
  let connections: () => number;
  let agent: Agent;

  beforeEach(() => {
    ({ server, connections } = echoServer());
    agent = new Agent({ keepAlive: true });
    agent.createConnection = memoryConnectionTo(server);
  });

  afterEach(() => {
    agent.destroy();
    server.closeAllConnections();
  });

  it('carries requests and answers through the server without a port, both ways', async () => {
    expect(server.listening).toBe(false);
    const answer = await call(agent, 'POST', '{"passengerId":"p-1"}');
    expect(answer).toEqual({
      status: 200,
      json: { method: 'POST', remote: '127.0.0.1', length: 21, body: '{"passengerId":"p-1"' },
    });
  });

  it('keeps a connection alive for the next request, and opens one per request in flight', async () => {
    await call(agent, 'GET');
    await call(agent, 'GET');
    expect(connections()).toBe(1);
    await Promise.all([call(agent, 'GET'), call(agent, 'GET'), call(agent, 'GET')]);
    expect(connections()).toBe(3);
  });

  it("lets the event loop's timers run while requests follow one another", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const until = Date.now() + 100;
      while (Date.now() < until) await call(agent, 'GET');
    } finally {
      clearInterval(timer);
    }
    // Without a turn of the loop between them, 100 ms of requests would see no tick at all. How
    // many there are depends on the machine's load (4 in 50 ms under CI's), so: more than one.
    expect(ticks).toBeGreaterThan(1);
  });

  it('carries a body larger than a stream buffer whole', async () => {
    const large = 'x'.repeat(300_000);
    expect((await call(agent, 'PUT', large)).json).toMatchObject({ length: 300_000 });
  });

  it('is closed with the server as a TCP connection is, and the client opens a new one after', async () => {
    // As the embedded services run: listening on loopback, the live day in memory beside.
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await call(agent, 'GET');
    await new Promise<void>((resolve, reject) =>
      server.close((error) => {
        if (error === undefined) resolve();
        else reject(error);
      }),
    );
    // The server's close ended the idle kept-alive connection, and the agent forgot it.
    const again = echoServer();
    agent.createConnection = memoryConnectionTo(again.server);
    expect((await call(agent, 'GET')).status).toBe(200);
    expect(again.connections()).toBe(1);
    again.server.closeAllConnections();
  });
});

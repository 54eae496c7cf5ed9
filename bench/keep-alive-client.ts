import { Agent, request } from 'node:http';

export interface JsonResponse {
  readonly status: number;
  readonly body: string;
}

/** Plain node:http with keep-alive sockets: the benchmarks measure the services, not a client. */
export class KeepAliveClient {
  private readonly agent: Agent;

  constructor(
    private readonly apiKey: string,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /**
   * A kept-alive socket the server closed while it lay idle (Node's 5 s keep-alive timeout; the
   * benchmarks idle that long between their phases) fails the request sent on it before the
   * server read any of it: that one is sent again, once, on a new socket.
   */
  async post(baseUrl: string, path: string, body: unknown): Promise<JsonResponse> {
    try {
      return await this.send(baseUrl, path, body);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) throw error;
      return this.send(baseUrl, path, body);
    }
  }

  private send(baseUrl: string, path: string, body: unknown): Promise<JsonResponse> {
    const url = new URL(path, baseUrl);
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'x-api-key': this.apiKey,
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: text });
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        reject(stale ? new StaleSocketError(error) : error);
      });
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

class StaleSocketError extends Error {
  constructor(cause: Error) {
    super(`kept-alive socket closed by the server: ${cause.message}`, { cause });
  }
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

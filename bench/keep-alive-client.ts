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

  post(baseUrl: string, path: string, body: unknown): Promise<JsonResponse> {
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
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The console speaks to the services through their public HTTP API, with the signed-in key. */

// The service's own declarations of what it answers (type-only: nothing of the server is bundled).
export type {
  AirportOverview,
  AlertRow,
  ConsoleSession,
  FlightManifest,
  FlightRow,
  ManifestRow,
  PassengerJourney,
  QueueView,
  TouchpointTile,
} from '../../operations/src/console/operations-views';
import type { AirportOverview } from '../../operations/src/console/operations-views';

/** An answer other than 2xx, with the API's own message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  readonly message?: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

export class ApiClient {
  constructor(private readonly key: string) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  put<T>(path: string): Promise<T> {
    return this.call<T>('PUT', path);
  }

  delete<T>(path: string): Promise<T> {
    return this.call<T>('DELETE', path);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(path, {
      method,
      headers: {
        'x-api-key': this.key,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) {
      const error = (parsed ?? {}) as ErrorBody;
      const details = (error.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ');
      throw new ApiError(
        response.status,
        [error.message ?? response.statusText, details].filter(Boolean).join(': '),
      );
    }
    return parsed as T;
  }

  /**
   * Follows an airport's live overview (Server-Sent Events read with fetch, so that the key
   * travels in a header, never in the URL). Reconnects after a second when the stream drops;
   * stops for good on 401 or 403. Returns a function that stops it.
   */
  follow(
    airport: string,
    onOverview: (overview: AirportOverview) => void,
    onState: (state: 'live' | 'reconnecting' | 'refused', detail?: string) => void,
  ): () => void {
    const controller = new AbortController();
    // A function, not the flag itself: the flag changes under the loop's feet.
    const stopped = () => controller.signal.aborted;
    const run = async (): Promise<void> => {
      while (!stopped()) {
        try {
          const response = await fetch(
            `/v1/operations/airports/${encodeURIComponent(airport)}/stream`,
            { headers: { 'x-api-key': this.key }, signal: controller.signal },
          );
          if (response.status === 401 || response.status === 403) {
            const body = (await response.json()) as ErrorBody;
            onState('refused', body.message);
            return;
          }
          if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
          onState('live');
          await readEvents(response.body, onOverview);
        } catch {
          if (stopped()) return;
        }
        onState('reconnecting');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    };
    void run();
    return () => {
      controller.abort();
    };
  }
}

async function readEvents(
  body: ReadableStream<Uint8Array>,
  onOverview: (overview: AirportOverview) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = message.split('\n');
      const type = lines
        .find((line) => line.startsWith('event:'))
        ?.slice(6)
        .trim();
      const data = lines
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (type === 'overview' && data !== '') onOverview(JSON.parse(data) as AirportOverview);
    }
  }
}

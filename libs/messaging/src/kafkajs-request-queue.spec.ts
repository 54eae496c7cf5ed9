/**
 * kafkajs 2.2.4 as patched (patches/kafkajs+2.2.4.patch, applied by `npm install`): a broker
 * connection's request queue with nothing waiting schedules no check. Unpatched, every response
 * re-armed a 1 ms timer that re-armed itself for as long as the connection lived
 * (tulios/kafkajs#1556): about a quarter of an idle service's CPU.
 */
interface SocketRequestEntry {
  correlationId: number;
  apiKey: number;
  apiName: string;
  apiVersion: number;
  resolve: () => void;
  reject: () => void;
}

interface RequestQueue {
  push(request: {
    entry: SocketRequestEntry;
    expectResponse: boolean;
    sendRequest: () => void;
  }): void;
  fulfillRequest(response: { correlationId: number; payload: unknown; size: number }): void;
  maybeThrottle(clientSideThrottleTime: number): void;
  destroy(): void;
}

type RequestQueueClass = new (options: Record<string, unknown>) => RequestQueue;

const RequestQueueOfKafkajs = jest.requireActual<RequestQueueClass>(
  'kafkajs/src/network/requestQueue',
);

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined };

function queueOf(maxInFlightRequests?: number): RequestQueue {
  return new RequestQueueOfKafkajs({
    maxInFlightRequests,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: 'localhost:9092',
    logger: silent,
  });
}

function request(correlationId: number, sent: number[]) {
  return {
    entry: {
      correlationId,
      apiKey: 1,
      apiName: 'Fetch',
      apiVersion: 11,
      resolve: () => undefined,
      reject: () => undefined,
    },
    expectResponse: true,
    sendRequest: () => void sent.push(correlationId),
  };
}

describe('kafkajs request queue (patched)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('schedules nothing once its last response is in', () => {
    const queue = queueOf();
    const sent: number[] = [];
    queue.push(request(1, sent));
    queue.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(sent).toEqual([1]);
    expect(jest.getTimerCount()).toBe(0);
    queue.destroy();
  });

  it('still sends a request held back by throttling when the throttle ends', () => {
    const queue = queueOf();
    const sent: number[] = [];
    queue.maybeThrottle(50);
    queue.push(request(1, sent));
    jest.advanceTimersByTime(49);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(2);
    expect(sent).toEqual([1]);
    queue.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(jest.getTimerCount()).toBe(0);
    queue.destroy();
  });

  it('still sends a request held back by the in-flight limit when a response frees a slot', () => {
    const queue = queueOf(1);
    const sent: number[] = [];
    queue.push(request(1, sent));
    queue.push(request(2, sent));
    expect(sent).toEqual([1]);
    queue.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(sent).toEqual([1, 2]);
    queue.fulfillRequest({ correlationId: 2, payload: null, size: 0 });
    // The check armed when request 2 had to wait runs once, finds nothing, and arms no other.
    jest.advanceTimersByTime(10);
    expect(jest.getTimerCount()).toBe(0);
    queue.destroy();
  });
});

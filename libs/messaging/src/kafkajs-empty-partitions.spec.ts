/**
 * kafkajs 2.2.4 as patched (patches/kafkajs+2.2.4.patch, applied by `npm install`): a fetch
 * hands its workers only the partitions that returned records. Unpatched, every partition of the
 * fetch went to a worker, which only heartbeat for an empty one: 48 turns a fetch for a service
 * reading four topics of 12 partitions, 50 fetches a second while it waits for events.
 */
interface FetchedBatch {
  readonly partition: number;
  /** The records the broker returned, and those of them a handler sees. */
  readonly rawMessages: readonly unknown[];
  readonly messages: readonly unknown[];
}

interface RunnerOfKafkajs {
  running: boolean;
  fetch(nodeId: number): Promise<FetchedBatch[]>;
}

type RunnerClass = new (options: Record<string, unknown>) => RunnerOfKafkajs;

const Runner = jest.requireActual<RunnerClass>('kafkajs/src/consumer/runner');

const quietLogger = {
  namespace: () => quietLogger,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A runner over a group whose next fetch returns `batches`; counts the heartbeats asked. */
function runnerFetching(batches: FetchedBatch[]) {
  const heartbeats: number[] = [];
  const consumerGroup = {
    fetch: () => Promise.resolve(batches),
    heartbeat: () => {
      heartbeats.push(Date.now());
      return Promise.resolve();
    },
    getNodeIds: () => [0],
  };
  const runner = new Runner({
    logger: quietLogger,
    consumerGroup,
    instrumentationEmitter: { emit: () => undefined },
    eachBatch: () => Promise.resolve(),
    concurrency: 12,
    heartbeatInterval: 3000,
  });
  runner.running = true;
  return { runner, heartbeats };
}

function batch(partition: number, records: number): FetchedBatch {
  const rawMessages = Array.from({ length: records }, (_, offset) => ({ offset: String(offset) }));
  return { partition, rawMessages, messages: rawMessages };
}

describe('kafkajs fetches as patched', () => {
  it('hands the workers only the partitions that returned records', async () => {
    const { runner, heartbeats } = runnerFetching([
      batch(0, 0),
      batch(1, 3),
      batch(2, 0),
      batch(3, 1),
    ]);

    const handed = await runner.fetch(0);

    expect(handed.map((b) => b.partition)).toEqual([1, 3]);
    // Their workers heartbeat after each; the fetch itself asks none.
    expect(heartbeats).toHaveLength(0);
  });

  it('heartbeats once for a fetch that brought no record', async () => {
    const { runner, heartbeats } = runnerFetching(
      Array.from({ length: 48 }, (_, partition) => batch(partition, 0)),
    );

    expect(await runner.fetch(0)).toEqual([]);
    expect(heartbeats).toHaveLength(1);
  });

  it('keeps a partition whose records were all filtered out, so that its offset moves on', async () => {
    // Control records and aborted messages: kafkajs resolves past them in handleBatch.
    const filtered = { ...batch(5, 2), messages: [] };
    const { runner } = runnerFetching([filtered, batch(6, 0)]);

    expect((await runner.fetch(0)).map((b) => b.partition)).toEqual([5]);
  });
});

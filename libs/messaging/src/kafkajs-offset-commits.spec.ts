/**
 * kafkajs 2.2.4 as patched (patches/kafkajs+2.2.4.patch, applied by `npm install`): commits of
 * the uncommitted offsets that overlap wait for the one on its way and send only what it did not
 * carry. A consumer commits after each partition's batch (twelve at once after a fetch of twelve
 * partitions); unpatched, each of them sent every offset resolved so far, one request each.
 */
interface OffsetManager {
  resolveOffset(offset: { topic: string; partition: number; offset: string }): void;
  commitOffsets(offsets?: { topics?: unknown[] }): Promise<void>;
  committedOffsets(): Record<string, Record<number, string>>;
}

type OffsetManagerClass = new (options: Record<string, unknown>) => OffsetManager;

const OffsetManagerOfKafkajs = jest.requireActual<OffsetManagerClass>(
  'kafkajs/src/consumer/offsetManager',
);

interface CommitRequest {
  topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
}

/** An offset manager over a coordinator that answers each commit when told to. */
function offsetManager(fails = () => false) {
  const requests: CommitRequest[] = [];
  const answers: (() => void)[] = [];
  const coordinator = {
    isConnected: () => true,
    offsetCommit: (request: CommitRequest) => {
      requests.push(request);
      return new Promise<void>((resolve, reject) => {
        answers.push(() => {
          if (fails()) reject(new Error('coordinator moved'));
          else resolve();
        });
      });
    },
  };
  // kafkajs keeps a group's committed offsets on the cluster object.
  const committed: Record<string, Record<string, Record<number, string>>> = {};
  const cluster = {
    committedOffsets: ({ groupId }: { groupId: string }) => (committed[groupId] ??= {}),
  };
  const manager = new OffsetManagerOfKafkajs({
    cluster,
    coordinator,
    memberAssignment: { journey: [0, 1, 2] },
    autoCommit: true,
    topicConfigurations: [],
    instrumentationEmitter: { emit: () => undefined },
    groupId: 'spec',
    generationId: 1,
    memberId: 'member',
  });
  const answerAll = async () => {
    while (answers.length > 0) {
      answers.shift()?.();
      await new Promise(setImmediate);
    }
  };
  return { manager, requests, answerAll };
}

const partitionsOf = (request: CommitRequest) =>
  request.topics.flatMap((t) => t.partitions.map((p) => `${p.partition}@${p.offset}`));

describe('kafkajs offset commits (patched)', () => {
  it('sends what a commit on its way carries once, and the rest in one more', async () => {
    const { manager, requests, answerAll } = offsetManager();
    for (const partition of [0, 1, 2])
      manager.resolveOffset({ topic: 'journey', partition, offset: '4' });
    // Three batches end together: three commits, as kafkajs makes after each.
    const commits = [manager.commitOffsets(), manager.commitOffsets(), manager.commitOffsets()];
    await new Promise(setImmediate);
    manager.resolveOffset({ topic: 'journey', partition: 1, offset: '9' });
    await answerAll();
    await Promise.all(commits);
    expect(requests.map(partitionsOf)).toEqual([['0@5', '1@5', '2@5'], ['1@10']]);
    expect(manager.committedOffsets().journey).toEqual({ 0: '5', 1: '10', 2: '5' });
  });

  it('sends again, after a commit that failed, what it did not get through', async () => {
    let failures = 1;
    const { manager, requests, answerAll } = offsetManager(() => failures-- > 0);
    manager.resolveOffset({ topic: 'journey', partition: 0, offset: '4' });
    const first = expect(manager.commitOffsets()).rejects.toThrow('coordinator moved');
    const second = manager.commitOffsets();
    await new Promise(setImmediate);
    await answerAll();
    await first;
    await second;
    expect(requests.map(partitionsOf)).toEqual([['0@5'], ['0@5']]);
    expect(manager.committedOffsets().journey).toEqual({ 0: '5' });
  });

  it('sends explicit offsets at once, whatever is on its way', async () => {
    const { manager, requests } = offsetManager();
    manager.resolveOffset({ topic: 'journey', partition: 0, offset: '4' });
    void manager.commitOffsets();
    void manager.commitOffsets({
      topics: [{ topic: 'journey', partitions: [{ partition: 2, offset: '7' }] }],
    });
    await new Promise(setImmediate);
    expect(requests.map(partitionsOf)).toEqual([['0@5'], ['2@7']]);
  });
});

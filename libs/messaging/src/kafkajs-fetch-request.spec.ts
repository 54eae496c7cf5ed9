/**
 * kafkajs 2.2.4 as patched (patches/kafkajs+2.2.4.patch, applied by `npm install`): the per-fetch
 * work of a consumer made cheaper, byte for byte and answer for answer the same. A fetch request
 * is written into one buffer (it was an Encoder a topic and a partition, each copied into its
 * parent, then copied twice more into the request's envelope); the partitions a fetch asks of each
 * broker are listed in place (they were copied once a partition); and Node 20's slow `flatMap`
 * is gone from the paths a fetch, a produce and a commit take.
 */
interface FetchTopic {
  readonly topic: string;
  readonly partitions: readonly { partition: number; fetchOffset: string; maxBytes: number }[];
}

interface Encoded {
  readonly buffer: Buffer;
}

type CreateRequest = (request: {
  correlationId: number;
  clientId: string;
  request: unknown;
}) => Promise<Encoded>;

type FetchV11 = (options: {
  replicaId: number;
  maxWaitTime: number;
  minBytes: number;
  maxBytes: number;
  topics: readonly FetchTopic[];
}) => unknown;

interface PartitionMetadata {
  readonly partitionId: number;
  readonly leader: number;
}

interface ConsumerGroupPrototype {
  findReadReplicaForPartitions(
    this: unknown,
    topic: string,
    partitions: readonly number[],
  ): Record<number, number[]>;
}

const createRequest = jest.requireActual<CreateRequest>('kafkajs/src/protocol/request');
const fetchV11 = jest.requireActual<FetchV11>('kafkajs/src/protocol/requests/fetch/v11/request');
const ConsumerGroup = jest.requireActual<{ prototype: ConsumerGroupPrototype }>(
  'kafkajs/src/consumer/consumerGroup',
);
const SeekOffsets = jest.requireActual<
  new () => {
    set(topic: string, partition: number, offset: string): void;
    has(topic: string, partition: number): boolean;
    pop(topic: string, partition: number): unknown;
  }
>('kafkajs/src/consumer/seekOffsets');
const serializeProduceResponse = jest.requireActual<
  (response: {
    topics: { topicName: string; partitions: { partition: number; errorCode: number }[] }[];
  }) => unknown[]
>('kafkajs/src/producer/responseSerializer');

/** The Fetch v11 request and its envelope, field by field as Kafka's protocol guide lays them out. */
function fetchRequestBytes(correlationId: number, clientId: string, topics: readonly FetchTopic[]) {
  const parts: Buffer[] = [];
  const int8 = (v: number) => parts.push(Buffer.from([v & 0xff]));
  const int16 = (v: number) => {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    parts.push(b);
  };
  const int32 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    parts.push(b);
  };
  const int64 = (v: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(v);
    parts.push(b);
  };
  const string = (v: string) => {
    int16(Buffer.byteLength(v));
    parts.push(Buffer.from(v));
  };
  int16(1); // Fetch
  int16(11);
  int32(correlationId);
  string(clientId);
  int32(-1); // replica id
  int32(20); // max wait
  int32(1); // min bytes
  int32(10_485_760); // max bytes
  int8(1); // READ_COMMITTED
  int32(0); // session id
  int32(-1); // session epoch
  int32(topics.length);
  for (const { topic, partitions } of topics) {
    string(topic);
    int32(partitions.length);
    for (const { partition, fetchOffset, maxBytes } of partitions) {
      int32(partition);
      int32(-1); // current leader epoch
      int64(BigInt(fetchOffset));
      int64(-1n); // log start offset
      int32(maxBytes);
    }
  }
  int32(0); // forgotten topics
  string(''); // rack id
  const body = Buffer.concat(parts);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

const topicOf = (topic: string, partitions: number): FetchTopic => ({
  topic,
  partitions: Array.from({ length: partitions }, (_, partition) => ({
    partition,
    fetchOffset: String(2 ** 40 + partition * 7),
    maxBytes: 1_048_576,
  })),
});

describe('kafkajs fetch request, written into one buffer', () => {
  it.each([
    ['four topics of 12 partitions, as a service reads', ['journey', 'identity', 'ops', 'gallery']],
    ['one topic of one partition', ['journey']],
    // Longer than the buffer's first estimate: it must grow, not cut.
    ['topic names longer than the first estimate', ['t'.repeat(300), 'u'.repeat(1_000)]],
  ])('%s: the bytes of the protocol', async (_case, names) => {
    const topics = names.map((name, i) => topicOf(name, names.length === 1 ? 1 : 12 - i));
    const request = fetchV11({
      replicaId: -1,
      maxWaitTime: 20,
      minBytes: 1,
      maxBytes: 10_485_760,
      topics,
    });

    const encoded = await createRequest({ correlationId: 4242, clientId: 'biogate-gate', request });

    expect(encoded.buffer.equals(fetchRequestBytes(4242, 'biogate-gate', topics))).toBe(true);
  });
});

describe('kafkajs consumer bookkeeping a fetch', () => {
  it('lists each partition once under the broker that leads it, in order', () => {
    const leaders: PartitionMetadata[] = Array.from({ length: 12 }, (_, partitionId) => ({
      partitionId,
      leader: partitionId % 3,
    }));
    const group = {
      cluster: { findTopicPartitionMetadata: () => leaders },
      preferredReadReplicasPerTopicPartition: {},
      logger: { debug: () => undefined },
    };

    const byBroker = ConsumerGroup.prototype.findReadReplicaForPartitions.call(
      group,
      'journey',
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 99],
    );

    expect(byBroker).toEqual({ 0: [0, 3, 6, 9], 1: [1, 4, 7, 10], 2: [2, 5, 8, 11] });
  });

  it('knows a seek offset while it is set, and not after it is taken', () => {
    const seeks = new SeekOffsets();
    expect(seeks.has('journey', 3)).toBe(false);

    seeks.set('journey', 3, '17');

    expect([seeks.has('journey', 3), seeks.has('journey', 4)]).toEqual([true, false]);
    expect(seeks.pop('journey', 3)).toEqual({ topic: 'journey', partition: 3, offset: '17' });
    expect(seeks.has('journey', 3)).toBe(false);
  });

  it('flattens a produce answer into one entry a partition, topic named', () => {
    const answer = serializeProduceResponse({
      topics: [
        { topicName: 'journey', partitions: [{ partition: 0, errorCode: 0 }] },
        {
          topicName: 'gallery',
          partitions: [
            { partition: 1, errorCode: 0 },
            { partition: 2, errorCode: 0 },
          ],
        },
      ],
    });

    expect(answer).toEqual([
      { topicName: 'journey', partition: 0, errorCode: 0 },
      { topicName: 'gallery', partition: 1, errorCode: 0 },
      { topicName: 'gallery', partition: 2, errorCode: 0 },
    ]);
  });
});

/**
 * A Kafka to run the services against on a machine without Docker or a Kafka cluster:
 * librdkafka's mock cluster (`libs/testing/kafka-mock/build.sh`), with every biogate topic and its
 * dead-letter topic, 12 partitions each (`--partitions N` for another count: the most instances
 * of one service that consume side by side). Prints `KAFKA_BROKERS=host:port` and runs until
 * Ctrl-C. It keeps messages in memory only: for trying distributed mode, not for keeping data.
 */
import 'reflect-metadata';
import { TOPICS } from '@biogate/contracts';
import { startTestKafka } from '@biogate/testing';

function partitionsArgument(args: readonly string[]): number {
  if (args.length === 0) return 12;
  const [flag, value] = args;
  const partitions = Number(value);
  if (
    args.length !== 2 ||
    flag !== '--partitions' ||
    !/^\d+$/.test(value ?? '') ||
    partitions < 1 ||
    partitions > 1000
  ) {
    throw new Error(`usage: kafka:mock [--partitions N], N from 1 to 1000; got ${args.join(' ')}`);
  }
  return partitions;
}

async function main(): Promise<void> {
  const kafka = await startTestKafka(
    Object.values(TOPICS).flatMap((topic) => [topic, `${topic}.dead-letter`]),
    { partitions: partitionsArgument(process.argv.slice(2)), env: {} },
  );
  process.stdout.write(`KAFKA_BROKERS=${kafka.brokers.join(',')}\n`);
  const stop = () => {
    void kafka.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Keep the process alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});

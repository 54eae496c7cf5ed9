import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A real Kafka protocol peer for integration tests where no Docker engine runs: librdkafka's
 * mock cluster, through a small C helper built on first use (`kafka-mock/build.sh`).
 * KAFKA_BROKERS in the environment takes precedence (a real cluster).
 */
export interface TestKafka {
  readonly brokers: readonly string[];
  stop(): Promise<void>;
}

const BUILD_SCRIPT = join(__dirname, '..', 'kafka-mock', 'build.sh');

export async function startTestKafka(
  topics: readonly string[],
  options: { partitions?: number; brokers?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<TestKafka> {
  const env = options.env ?? process.env;
  if (env.KAFKA_BROKERS !== undefined && env.KAFKA_BROKERS !== '') {
    return { brokers: env.KAFKA_BROKERS.split(','), stop: () => Promise.resolve() };
  }
  const binary = mockClusterBinary();
  const child = spawn(
    binary,
    [String(options.brokers ?? 1), String(options.partitions ?? 3), ...topics],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const bootstrap = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      resolve(line.trim());
    });
    child.once('exit', (code) => {
      reject(new Error(`kafka mock cluster exited with ${String(code)}: ${stderr}`));
    });
  });
  return {
    brokers: bootstrap.split(','),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The mock cluster program, built once per machine by `kafka-mock/build.sh` (librdkafka from
 * Debian's source with the mock's log search made to start at the newest message set) into a
 * cache folder under a name that carries its sources' hash; the script prints its path.
 */
function mockClusterBinary(): string {
  try {
    return execFileSync('bash', [BUILD_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] })
      .toString()
      .trim();
  } catch (error) {
    throw new Error(
      `cannot build the Kafka mock cluster helper (needs cc, make, curl and patch, or Debian's ` +
        `librdkafka-dev offline): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

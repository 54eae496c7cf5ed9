import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A real Kafka protocol peer for integration tests where no Docker engine runs: librdkafka's
 * mock cluster (Debian package librdkafka-dev), through a small C helper compiled on first use.
 * KAFKA_BROKERS in the environment takes precedence (a real cluster).
 */
export interface TestKafka {
  readonly brokers: readonly string[];
  stop(): Promise<void>;
}

const SOURCE = join(__dirname, '..', 'kafka-mock', 'kafka-mock-cluster.c');

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
 * The mock cluster program (on librdkafka's mock brokers), compiled into a cache folder under a
 * name that carries its source's hash: checkouts of other versions each build their own, and a
 * program is never run with another version's source. Written under a temporary name, then
 * renamed, so that test workers building it at once never run a half-written file.
 */
function mockClusterBinary(): string {
  const directory = join(tmpdir(), 'biogate-kafka-mock');
  const source = readFileSync(SOURCE);
  const version = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const binary = join(directory, `kafka-mock-cluster-${version}`);
  if (existsSync(binary)) return binary;
  mkdirSync(directory, { recursive: true });
  const building = `${binary}.${process.pid}.tmp`;
  try {
    execFileSync('cc', ['-O2', '-o', building, SOURCE, '-lrdkafka'], { stdio: 'pipe' });
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(
      `cannot build the Kafka mock cluster helper (needs cc and Debian's librdkafka-dev): ${output}`,
    );
  }
  renameSync(building, binary);
  return binary;
}

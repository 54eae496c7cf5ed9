import type { Instant } from '@biogate/domain';

/** Everything the CLI touches outside itself, so that tests can run it in-process. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readStdin(): Promise<string>;
  /** The wall clock; commands take `--at` to look at any other instant. */
  now(): Instant;
  readonly env: NodeJS.ProcessEnv;
  /** Progress is drawn only for a person watching a terminal, never into pipes or CI logs. */
  readonly stderrIsTerminal?: boolean;
}

export const processIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  now: () => Date.now(),
  env: process.env,
  stderrIsTerminal: process.stderr.isTTY,
};

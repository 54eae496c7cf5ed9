import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');

export interface ServiceProcess {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** What the process wrote to stderr so far, for a failing test to show. */
  stderr(): string;
  /** Its log so far (standard output, JSON lines; the last megabyte of it). */
  stdout(): string;
  /** SIGKILL: no shutdown hook runs, in-flight work is lost mid-way. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What a service process runs: its TypeScript sources through SWC (`npm run start:*`, the
 * tests), or the compiled build in dist/ as a deployment does (`npm run build:services`; the
 * Docker image), which benchmarks measure: SWC's compiler and source maps hold ~60 MB of a
 * process that the build does not.
 */
export type ServiceCode = 'sources' | 'build';

/** Starts one service as its own Node process and waits for /health. */
export async function startServiceProcess(
  app: 'checkin' | 'security-gate' | 'boarding-gate' | 'operations' | 'embedded',
  port: number,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
  code: ServiceCode = 'sources',
): Promise<ServiceProcess> {
  const built = join(root, 'dist', 'apps', app, 'src', 'main.js');
  if (code === 'build' && !existsSync(built))
    throw new Error(`${built} is missing: run npm run build:services first`);
  const args = [
    ...nodeArgs,
    ...(code === 'build' ? [built] : ['-r', '@swc-node/register', `apps/${app}/src/main.ts`]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    // A load run logs a line per request and per event: keep the tail, whole lines.
    if (stdout.length > 2_000_000) stdout = stdout.slice(stdout.indexOf('\n', 1_000_000) + 1);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${app} exited with ${child.exitCode ?? child.signalCode}: ${stderr}`);
    try {
      // Bounded: whatever else holds the port may accept and never answer.
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // Not left running: a child that never answered would keep the caller's process alive.
      child.kill('SIGKILL');
      throw new Error(`${app} did not answer /health: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const exited = () =>
    new Promise<void>((resolve) => {
      // Ended: with a code, or by a signal (then exitCode stays null).
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else
        child.once('exit', () => {
          resolve();
        });
    });
  return {
    name: app,
    url,
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    kill: async () => {
      child.kill('SIGKILL');
      await exited();
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited();
    },
  };
}

import { runBiogate } from '../../apps/simulator/src/cli/biogate-cli';
import type { CliIo } from '../../apps/simulator/src/cli/cli-io';

export interface BiogateRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The biogate CLI in this process, its output captured, on no terminal and an empty env. */
export async function biogate(...argv: string[]): Promise<BiogateRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: () => Promise.resolve(''),
    now: () => Date.parse('2026-01-01T00:00:00Z'),
    env: {},
  };
  const code = await runBiogate(argv, io);
  return { code, stdout, stderr };
}

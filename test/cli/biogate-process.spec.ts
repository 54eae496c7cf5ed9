import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The CLI as users run it: a real process, real exit codes, real pipes. */
const root = join(__dirname, '../..');

function biogate(args: string[], stdin?: string) {
  const run = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/simulator/src/main.ts', ...args],
    { cwd: root, input: stdin, encoding: 'utf8', timeout: 60_000 },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the biogate process', () => {
  it('prints the sample decisions and exits 0', () => {
    const run = biogate(['policy', 'evaluate', 'seeds/requests/sample.json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      readFileSync(join(root, 'seeds/requests/sample.expected.json'), 'utf8'),
    );
  });

  it('reads a pipe on standard input', () => {
    const requests = readFileSync(join(root, 'seeds/requests/sample.json'), 'utf8');
    const run = biogate(['policy', 'evaluate', '-'], requests);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(25);
  });

  it('exits 2 with nothing on stdout for an input error', () => {
    const run = biogate(['policy', 'evaluate', '-'], '[{"at": "yesterday"}]');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('<stdin>: request[0].at: expected an ISO 8601 instant');
  });

  it('exits 2 for a usage error', () => {
    const run = biogate(['policy', 'evaluate', '--nope']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});

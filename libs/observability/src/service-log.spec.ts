import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSON_LINE_BLOCK, jsonLineDestination, ServiceLog } from './service-log';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the JSON lines written to a file descriptor', () => {
  let dir: string;
  let file: string;
  let fd: number;
  let destination: ReturnType<typeof jsonLineDestination>;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biogate-log-'));
    file = path.join(dir, 'out.jsonl');
    fd = fs.openSync(file, 'w');
    destination = jsonLineDestination(fd);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    // It closes the descriptor, and stops its periodic flush, which would otherwise go on
    // writing after the test.
    destination.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const linesIn = () =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('go out in blocks, not a write per line, and none is held past the periodic flush', async () => {
    const writes = jest.spyOn(fs, 'write');
    const log = new ServiceLog('security-gate', { destination });
    // Lines apart in time, as requests come: each would have been a write of its own.
    for (let i = 0; i < 20; i++) {
      log.logger.info({ n: i }, 'POST /v1/security/presentations 200');
      await pause(5);
    }
    await pause(JSON_LINE_BLOCK.periodicFlushMs * 3);
    expect(linesIn().map((line) => line['n'])).toEqual([...Array(20).keys()]);
    // 20 lines of about 150 bytes: under a block, so the periodic flush writes them, in one or
    // two writes (one if it fell after the last line).
    expect(writes.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(writes.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('writes nothing while no line comes', async () => {
    const log = new ServiceLog('boarding-gate', { destination });
    log.logger.info('one line');
    await pause(JSON_LINE_BLOCK.periodicFlushMs * 2);
    expect(linesIn()).toHaveLength(1);
    const writes = jest.spyOn(fs, 'write');
    await pause(JSON_LINE_BLOCK.periodicFlushMs * 4);
    expect(writes).not.toHaveBeenCalled();
  });

  it('writes a block as soon as it is full, without waiting for the flush', async () => {
    const log = new ServiceLog('check-in', { destination });
    const padding = 'x'.repeat(200);
    for (let i = 0; i < 40; i++) log.logger.info({ n: i, padding }, 'line');
    // 40 lines of about 300 bytes: past the block's length, written without the timer.
    await pause(50);
    expect(linesIn().length).toBeGreaterThan(10);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { runBiogate } from '../../apps/simulator/src/cli/biogate-cli';
import type { CliIo } from '../../apps/simulator/src/cli/cli-io';
import { launchChromium } from '../support/chromium';

describe('the capacity HTML report in a browser', () => {
  let browser: Browser;
  let report: string;

  beforeAll(async () => {
    report = join(mkdtempSync(join(tmpdir(), 'biogate-report-')), 'sgn.html');
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => process.stderr.write(text) },
      readStdin: () => Promise.resolve(''),
      now: () => Date.now(),
      env: {},
    };
    const code = await runBiogate(
      [
        'simulate',
        '--airport',
        'DAD',
        '--compare',
        '2025-11-30,2025-12-01',
        '--html',
        report,
        '--quiet',
      ],
      io,
    );
    expect(code).toBe(0);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser.close();
  });

  it('opens offline with its charts drawn and no console errors', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${report}`);

    expect(problems).toEqual([]);
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    await expect(page.title()).resolves.toBe('biogate capacity: DAD');
    // the wait chart, at least one queue chart, and the channel chart
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(3);
    const waitChart = page.locator('svg[aria-label="p95 queue wait per touchpoint"]');
    const box = await waitChart.boundingBox();
    expect(box?.width).toBeGreaterThan(500);
    expect(await waitChart.locator('rect').count()).toBe(2 * 9);
    expect(await page.locator('svg[aria-label="check-in channel shares"] rect').count()).toBe(
      2 * 4,
    );
    expect(await page.locator('h2').first().textContent()).toContain('DAD: 98 departures');
    expect(await page.locator('table').first().textContent()).toContain(
      '2025-12-01 BIOMETRIC_DEFAULT',
    );
    await page.close();
  }, 60_000);
});

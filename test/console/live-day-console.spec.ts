import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { airportDayInput, loadDayInputs } from '../../apps/simulator/src/capacity/day-inputs';
import { runLiveDay } from '../../apps/simulator/src/live/live-day';
import { startEmbeddedServices } from '../../apps/simulator/src/replay/embedded-services';
import { launchChromium } from '../support/chromium';

const SHOTS = join(__dirname, '..', '..', 'dist', 'test-screenshots', 'console');

/** What the console's tiles show, as one string: it changes when the tiles move. */
const TILES = '.tile [data-figure]';

describe('the live airport day watched in the console', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
  });

  it('shows moving tiles and an alert while a --speed run plays, and changes none of its decisions', async () => {
    const inputs = loadDayInputs({}, {});
    const input = {
      ...airportDayInput(inputs, 'VII', '2025-12-01', 'biogate'),
      departureWindow: { from: 7 * 3600, to: 7 * 3600 + 1800 },
    };
    const services = await startEmbeddedServices(Date.parse('2025-11-29T00:00:00+07:00'), {
      console: true,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${services.url}/`);
      await page.fill('#api-key', services.apiKey);
      await page.keyboard.press('Enter');
      await page.locator('#live-state', { hasText: '● live' }).waitFor();
      await page.selectOption('#airport', 'VII');
      await page.locator('#live-state', { hasText: '● live' }).waitFor();

      // Seven and a half simulated hours at 1200 times real time: some twenty-five seconds.
      const run = runLiveDay(input, services.target, {
        speed: 1200,
        watchOperators: true,
        queueSensors: true,
      });
      const seen = new Set<string>();
      const watching = (async () => {
        while (seen.size < 3) {
          const figures = (await page.locator(TILES).allTextContents()).join(' ');
          if (/[1-9]/.test(figures)) seen.add(figures);
          await page.waitForTimeout(250);
        }
      })();
      await page.locator('#alerts li[data-kind]').first().waitFor({ timeout: 60_000 });
      await watching;
      expect(seen.size).toBeGreaterThanOrEqual(3);
      await page.locator('tr[data-flight]').first().waitFor();
      // The model's queues reach the console as sensor readings.
      const lengths = await page.locator('.queue-card [data-figure="length"]').allTextContents();
      expect(lengths.filter((length) => /^\d+$/.test(length)).length).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOTS, 'live-day-vinh.png') });

      const result = await run;
      expect(result.crossCheck.identical).toBe(result.crossCheck.decisions);
      expect(result.services.deadLetters).toBe(0);
      const alerts = Object.values(result.services.alerts).reduce((a, b) => a + b, 0);
      expect(alerts).toBeGreaterThan(0);
      // Once the run has settled, the console counts every alert the run raised at Vinh.
      await page.waitForTimeout(1_500);
      const shown = await page.request.get(
        `${services.url}/v1/operations/airports/VII/alerts?limit=1000`,
        {
          headers: { 'x-api-key': services.apiKey },
        },
      );
      expect(((await shown.json()) as unknown[]).length).toBe(alerts);
    } finally {
      await services.close();
    }
  }, 180_000);
});

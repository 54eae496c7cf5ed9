import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { consoleDirectory } from '../../apps/operations/src/console/console-assets.module';
import { launchChromium } from '../support/chromium';
import { KEYS, startServices, type RunningServices } from '../support/service-harness';
import { bookPassenger } from '../support/booking-fixtures';
import { atSecurityEGate, checkedInPassenger, settle } from '../support/journey-steps';

/** Where the run leaves a screenshot of each state (build output: not in git). */
const SHOTS = join(__dirname, '..', '..', 'dist', 'test-screenshots', 'console');

describe('the operations console in a browser (embedded services, PGlite)', () => {
  let services: RunningServices;
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    services = await startServices('PGlite', '2025-12-01T07:30:00+07:00');
    await services.app.listen(0, '127.0.0.1');
    const { port } = (services.app.getHttpServer() as Server).address() as AddressInfo;
    url = `http://127.0.0.1:${port}/`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await services.close();
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const tileFigure = (point: string, figure: 'quarter' | 'hour') =>
    page.locator(`.tile[data-point="${point}"] [data-figure="${figure}"]`);

  it('is built and served at / (npm run build:console)', async () => {
    expect(consoleDirectory()).toBeDefined();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('operations console');
  });

  it('refuses an unknown key at sign-in and says why', async () => {
    await page.goto(url);
    await page.fill('#api-key', 'not-a-key-of-this-airport');
    await page.keyboard.press('Enter');
    await page.locator('#sign-in-error', { hasText: '401: unknown API key' }).waitFor();
    await shot('01-sign-in-refused');
  });

  it('signs an operator in with the keyboard and shows its airport live', async () => {
    await page.fill('#api-key', KEYS.operatorSGN);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#console:not([hidden])');
    await page.locator('#live-state', { hasText: '● live' }).waitFor();
    expect(await page.locator('#airport option').allTextContents()).toEqual(['SGN']);
    await expect(page.locator('#phase').textContent()).resolves.toContain('BIOMETRIC_DEFAULT');
    // The service clock (simulated: 1 Dec 2025 07:30 ICT), not the browser's.
    await expect(page.locator('#clock').textContent()).resolves.toMatch(
      /^01\/12\/2025 07:3\d:\d\d ICT$/,
    );
    expect(await page.locator('.tile').count()).toBe(7);
    await shot('02-signed-in');
  });

  it('moves the kiosk tile after a check-in made through the API', async () => {
    expect(await tileFigure('CHECK_IN/KIOSK', 'quarter').textContent()).toBe('0');
    await checkedInPassenger(services, 'CONS01', { enrolled: true, flightNumber: '213' });
    await tileFigure('CHECK_IN/KIOSK', 'quarter').filter({ hasText: /^1$/ }).waitFor();
    await page.locator('tr[data-flight="VN213"]', { hasText: 'HAN' }).waitFor();
    await shot('03-after-check-in');
  });

  it('shows an impostor at a security e-gate as an alert within a second', async () => {
    const passenger = await checkedInPassenger(services, 'CONS02', {
      enrolled: true,
      flightNumber: '215',
    });
    const response = await services.http
      .post('/v1/security/presentations')
      .set('x-api-key', KEYS.operatorSGN)
      .send(
        atSecurityEGate(passenger, {
          capture: { quality: 'GOOD', subject: '079199999999', seed: 'impostor' },
        }),
      );
    expect(response.body).toMatchObject({ alert: { kind: 'FACE_MISMATCH' } });
    const answered = Date.now();
    await page.waitForSelector('#alerts li[data-kind="FACE_MISMATCH"]', { timeout: 5_000 });
    const lag = Date.now() - answered;
    expect(lag).toBeLessThan(1_000);
    await expect(page.locator('#alerts li').first().textContent()).resolves.toContain('VN215');
    // The alert links to the passenger's steps at this airport.
    await page.locator('#alerts li button.link').first().click();
    await page.waitForSelector('#detail[open] .journey li');
    await expect(page.locator('#detail .journey').textContent()).resolves.toContain(
      'FACE_MISMATCH',
    );
    await shot('04-impostor-alert');
    await page.keyboard.press('Escape');
  });

  it('declares a kiosk outage from the console; the next kiosk check-in is redirected', async () => {
    await page.locator('#outage-KIOSK').click();
    await page.waitForSelector('.outage.down[data-outage="KIOSK"]');
    const answer = await services.http
      .get('/v1/airports/SGN/outages')
      .set('x-api-key', KEYS.operatorSGN);
    expect(answer.body).toMatchObject({ outages: ['KIOSK'] });
    const passengerId = await bookPassenger(services, 'CONS03', {
      flight: { number: '217', departureAt: '2025-12-01T10:00:00+07:00' },
      passenger: { document: { type: 'CITIZEN_ID_CARD', number: '079188001111' } },
    });
    const checkIn = await services.http
      .post('/v1/check-ins')
      .set('x-api-key', KEYS.qa)
      .send({ passengerId, channel: 'KIOSK' });
    expect(checkIn.body.decision).toMatchObject({ outcome: 'REDIRECTED', reason: 'KIOSK_OUTAGE' });
    await settle(services);
    await page
      .locator('.tile[data-point="CHECK_IN/KIOSK"] .reasons', { hasText: 'KIOSK_OUTAGE' })
      .waitFor();
    await shot('05-kiosk-outage');
    // And clears it again.
    await page.locator('#outage-KIOSK').click();
    await page.waitForSelector('.outage.up[data-outage="KIOSK"]');
  });

  it("refuses an operator another airport's data", async () => {
    const status = await page.evaluate(async (key) => {
      const response = await fetch('/v1/operations/airports/HAN/overview', {
        headers: { 'x-api-key': key },
      });
      return response.status;
    }, KEYS.operatorSGN);
    expect(status).toBe(403);
    const stream = await fetch(`${url}v1/operations/airports/HAN/stream`, {
      headers: { 'x-api-key': KEYS.operatorSGN },
    });
    expect(stream.status).toBe(403);
  });

  it('passes the WCAG 2 A and AA checks of axe-core (contrast, names, labels, keyboard)', async () => {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const { violations, passes } = await page.evaluate<{ violations: string[]; passes: string[] }>(
      `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }).then((r) => ({
         violations: r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')),
         passes: r.passes.map((p) => p.id),
       }))`,
    );
    expect(violations).toEqual([]);
    // It did look: contrast and form labels among the rules that passed.
    expect(passes).toEqual(expect.arrayContaining(['color-contrast', 'label']));
  });

  it.each([
    [1280, 800],
    [1920, 1080],
  ])('keeps its layout at %ix%i (nothing wider than the window)', async (width, height) => {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    const overflow = Number(
      await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ),
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, `06-layout-${width}x${height}.png`) });
  });
});

import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SimulatedClock } from '@biogate/domain';
import {
  createServiceApplication,
  openPlatform,
  readServiceEnvironment,
} from '@biogate/service-runtime';
import { EMBEDDED_SERVICES } from '../../apps/embedded/src/embedded-services';
import { booking } from '../support/booking-fixtures';
import { KEYS } from '../support/service-harness';

/** BIOGATE_DATA_DIR keeps the embedded default's state across restarts. */
describe('the embedded default with a data directory', () => {
  const env = readServiceEnvironment({
    BIOGATE_DATA_DIR: mkdtempSync(join(tmpdir(), 'biogate-data-')),
    BIOGATE_TEMPLATE_KEY: randomBytes(32).toString('base64'),
    BIOGATE_GALLERY_KEY: randomBytes(32).toString('base64'),
  });
  const clock = new SimulatedClock(Date.parse('2025-12-01T07:30:00+07:00'));

  async function start() {
    const opened = await openPlatform({ env, units: EMBEDDED_SERVICES.units, clock });
    const app = await createServiceApplication(opened.platform, {
      ...EMBEDDED_SERVICES,
      log: false,
    });
    const http = request(app.getHttpServer() as Server);
    return {
      http,
      stop: async () => {
        await app.close();
        await opened.close();
      },
    };
  }

  it('finds bookings, enrolments and boarding passes again after a restart', async () => {
    const first = await start();
    const booked = await first.http
      .post('/v1/bookings')
      .set('x-api-key', KEYS.qa)
      .send(booking('KEEP01'));
    expect(booked.status).toBe(201);
    const passengerId = (booked.body as { passengers: { passengerId: string }[] }).passengers[0]!
      .passengerId;
    const enrolled = await first.http
      .post('/v1/enrolments')
      .set('x-api-key', KEYS.qa)
      .send({
        passengerId,
        channel: 'COUNTER',
        consent: true,
        capture: { quality: 'GOOD', seed: 'd' },
      });
    expect(enrolled.status).toBe(201);
    await first.stop();

    const second = await start();
    try {
      expect(
        (await second.http.get('/v1/bookings/VN/KEEP01').set('x-api-key', KEYS.qa)).status,
      ).toBe(200);
      // The template sealed before the restart opens with the same key after it.
      const checkIn = await second.http
        .post('/v1/check-ins')
        .set('x-api-key', KEYS.qa)
        .send({ passengerId, channel: 'BIOMETRIC', capture: { quality: 'GOOD', seed: 'd2' } });
      expect(checkIn.status).toBe(201);
      expect(checkIn.body).toMatchObject({
        decision: { outcome: 'ALLOWED', verification: { matched: true } },
      });
    } finally {
      await second.stop();
    }
  }, 60_000);
});

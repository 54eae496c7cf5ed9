import { checkedInPassenger, settle } from '../support/journey-steps';
import { bookPassenger } from '../support/booking-fixtures';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])(
  'outages declared by operators on %s',
  (kind) => {
    let services: RunningServices;

    beforeAll(async () => {
      services = await startServices(kind);
    }, 60_000);

    afterAll(() => services.close());

    const outage = (
      method: 'put' | 'delete',
      name: string,
      airport = 'SGN',
      key: string = KEYS.operatorSGN,
    ) => services.http[method](`/v1/airports/${airport}/outages/${name}`).set('x-api-key', key);
    const checkIn = (passengerId: string, channel: string) =>
      services.http.post('/v1/check-ins').set('x-api-key', KEYS.qa).send({ passengerId, channel });

    it('sends kiosk passengers away during a kiosk outage, and keeps the counter for those with nowhere else (R6)', async () => {
      expect((await outage('put', 'KIOSK')).body).toEqual({ airport: 'SGN', outages: ['KIOSK'] });
      const a = await bookPassenger(services, 'OU0001', { flight: { number: '801' } });
      expect((await checkIn(a, 'KIOSK')).body).toMatchObject({
        decision: { outcome: 'REDIRECTED', redirectTo: 'COUNTER', reason: 'KIOSK_OUTAGE' },
      });
      const counter = await checkIn(a, 'COUNTER');
      expect(counter.status).toBe(201);
      expect(counter.body).toMatchObject({
        decision: {
          outcome: 'ALLOWED',
          reason: 'FALLBACK_SERVICE_CONTINUITY',
          rules: ['R5', 'R6'],
        },
      });
      expect((await outage('delete', 'KIOSK')).body).toEqual({ airport: 'SGN', outages: [] });
      const b = await bookPassenger(services, 'OU0002', { flight: { number: '801' } });
      expect((await checkIn(b, 'COUNTER')).body).toMatchObject({
        decision: { redirectTo: 'KIOSK', reason: 'COUNTER_NOT_ELIGIBLE' },
      });
    });

    it('closes the e-gates at security during a biometric outage, and opens them again when it is cleared', async () => {
      const p = await checkedInPassenger(services, 'OU0003', {
        enrolled: true,
        flightNumber: '802',
      });
      await outage('put', 'BIOMETRIC');
      await settle(services);
      const body = {
        airport: 'SGN',
        lane: 'AUTOMATED',
        boardingPass: p.boardingPass,
        document: { type: 'CITIZEN_ID_CARD', number: p.personalIdNumber },
        capture: { quality: 'GOOD', seed: 'o' },
      };
      const down = await services.http
        .post('/v1/security/presentations')
        .set('x-api-key', KEYS.operatorSGN)
        .send(body);
      expect(down.body).toMatchObject({
        decision: { outcome: 'REDIRECTED', redirectTo: 'MANUAL', reason: 'BIOMETRIC_OUTAGE' },
      });
      await outage('delete', 'BIOMETRIC');
      await settle(services);
      const up = await services.http
        .post('/v1/security/presentations')
        .set('x-api-key', KEYS.operatorSGN)
        .send(body);
      expect(up.body).toMatchObject({ cleared: true });
    });

    it.each<[string, () => Promise<{ status: number }>, number]>([
      [
        'an operator of another airport',
        () => outage('put', 'KIOSK', 'SGN', KEYS.operatorHAN),
        403,
      ],
      ['an airline', () => outage('put', 'KIOSK', 'SGN', KEYS.airlineVN), 403],
      ['an unknown outage', () => outage('put', 'POWER'), 400],
      ['an unknown airport', () => outage('put', 'KIOSK', 'XXX', KEYS.qa), 400],
    ])('refuses %s', async (_what, call, status) => {
      expect((await call()).status).toBe(status);
    });
  },
);

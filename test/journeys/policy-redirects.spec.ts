import { bookPassenger } from '../support/booking-fixtures';
import { settle } from '../support/journey-steps';
import { KEYS, startServices, type RunningServices } from '../support/service-harness';

type Json = Record<string, unknown>;

/**
 * The policy's redirects as passengers meet them in the running services: each row books a
 * passenger, checks them in on a channel, and (when checked in) presents them at an e-gate.
 */
describe('policy redirects through the services', () => {
  let services: RunningServices;

  beforeAll(async () => {
    services = await startServices('PGlite');
  }, 60_000);

  afterAll(() => services.close());

  // [what, now, flight patch, passenger patch, check-in channel, check-in expectation, e-gate expectation]
  const cases: [string, string, Json, Json, string, Json, Json | undefined][] = [
    [
      'a passport holder, e-gate',
      '2025-12-01T07:30:00+07:00',
      { number: '901' },
      { document: { type: 'PASSPORT', number: 'C7654321' } },
      'KIOSK',
      { outcome: 'ALLOWED', reason: 'OK' },
      { outcome: 'REDIRECTED', redirectTo: 'MANUAL', reason: 'DOCUMENT_NOT_ELIGIBLE' },
    ],
    [
      'an international flight, biometric check-in',
      '2025-12-01T07:30:00+07:00',
      { number: '902', destination: 'ICN', international: true },
      {},
      'BIOMETRIC',
      { outcome: 'REDIRECTED', redirectTo: 'COUNTER', reason: 'INTERNATIONAL_OUT_OF_SCOPE' },
      undefined,
    ],
    [
      'an international flight, counter without bags on 1 Dec',
      '2025-12-01T07:30:00+07:00',
      { number: '903', destination: 'ICN', international: true },
      {},
      'COUNTER',
      { outcome: 'ALLOWED', rules: ['R1'] },
      { outcome: 'REDIRECTED', redirectTo: 'MANUAL', reason: 'INTERNATIONAL_OUT_OF_SCOPE' },
    ],
    [
      'Vinh before its biometric readiness date',
      '2025-10-20T07:30:00+07:00',
      {
        number: '904',
        origin: 'VII',
        destination: 'SGN',
        date: '2025-10-20',
        departureAt: '2025-10-20T09:00:00+07:00',
      },
      {},
      'BIOMETRIC',
      { outcome: 'REDIRECTED', redirectTo: 'COUNTER', reason: 'BIOMETRIC_NOT_AVAILABLE' },
      undefined,
    ],
    [
      'an expired card at check-in',
      '2025-12-01T07:30:00+07:00',
      { number: '905' },
      { document: { type: 'CITIZEN_ID_CARD', number: '079200009905', expiresOn: '2025-11-30' } },
      'KIOSK',
      { outcome: 'REJECTED', reason: 'INVALID_DOCUMENT' },
      undefined,
    ],
  ];

  it.each(cases)('%s', async (_what, now, flight, passenger, channel, atCheckIn, atEGate) => {
    services.clock.set(Date.parse(now));
    const pnr = `PR${String(flight.number)}X`;
    const passengerId = await bookPassenger(services, pnr.padEnd(6, 'Z'), { flight, passenger });
    const checkIn = await services.http
      .post('/v1/check-ins')
      .set('x-api-key', KEYS.qa)
      .send({
        passengerId,
        channel,
        ...(channel === 'BIOMETRIC' ? { capture: { quality: 'GOOD' } } : {}),
      });
    expect((checkIn.body as { decision: Json }).decision).toMatchObject(atCheckIn);
    if (atEGate === undefined) return;
    await settle(services);
    const document = (passenger.document as Json | undefined) ?? {
      type: 'CITIZEN_ID_CARD',
      number: '079200001234',
    };
    const gate = await services.http
      .post('/v1/security/presentations')
      .set('x-api-key', KEYS.qa)
      .send({
        airport: (flight.origin as string | undefined) ?? 'SGN',
        lane: 'AUTOMATED',
        boardingPass: (checkIn.body as { boardingPass: { bcbp: string } }).boardingPass.bcbp,
        document,
        capture: { quality: 'GOOD' },
      });
    expect((gate.body as { decision: Json }).decision).toMatchObject(atEGate);
  });
});

import { randomUUID } from 'node:crypto';
import {
  atBoardingEGate,
  atSecurityEGate,
  checkedInPassenger,
  openBoarding,
  settle,
  type CheckedInPassenger,
} from '../support/journey-steps';
import { KEYS, startServices, type RunningServices } from '../support/service-harness';
import { startServiceProcess } from '../support/service-processes';

type LogLine = Record<string, unknown>;

/**
 * The services' log over a whole biometric journey (JSON lines, pino): a line per request and
 * per event handled, tied together by the correlation id, and nothing personal in any of them.
 */
describe('structured logs of a whole journey', () => {
  const written: string[] = [];
  let services: RunningServices;
  let passenger: CheckedInPassenger;
  const lines = (): LogLine[] =>
    written
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as LogLine);

  beforeAll(async () => {
    services = await startServices('PGlite', '2025-12-01T06:00:00+07:00', {
      log: {
        level: 'info',
        destination: {
          write: (chunk: string) => {
            written.push(chunk);
          },
        },
      },
    });
    passenger = await checkedInPassenger(services, 'LOGS01', {
      enrolled: true,
      flightNumber: '281',
    });
    const cleared = await services.http
      .post('/v1/security/presentations')
      .set('x-api-key', KEYS.operatorSGN)
      .set('x-correlation-id', 'logs-at-security')
      .send(atSecurityEGate(passenger, { capture: { quality: 'GOOD', seed: 'LOGS01-sec' } }));
    expect(cleared.body).toMatchObject({ cleared: true });
    await settle(services);
    services.clock.set(Date.parse('2025-12-01T07:40:00+07:00'));
    expect((await openBoarding(services, '281')).status).toBe(200);
    const boarded = await services.http
      .post('/v1/boarding/presentations')
      .set('x-api-key', KEYS.operatorSGN)
      .send(atBoardingEGate(passenger, { capture: { quality: 'GOOD', seed: 'LOGS01-brd' } }));
    expect(boarded.body).toMatchObject({ boarded: true });
    // Refused before any route: the header check answers 400, and is logged all the same.
    await services.http
      .post('/v1/check-ins')
      .set('x-api-key', KEYS.qa)
      .set('x-correlation-id', 'not a valid id')
      .send({});
    await settle(services);
  }, 60_000);

  afterAll(() => services.close());

  it('writes every line as JSON with the service, a level word and an ISO time', () => {
    expect(lines().length).toBeGreaterThan(10);
    for (const line of lines()) {
      expect(line).toMatchObject({
        service: 'biogate',
        level: expect.stringMatching(/^(info|warn|error)$/),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        msg: expect.any(String),
      });
    }
  });

  it('writes a line per request: route template, status, duration, correlation id, passenger', () => {
    const requests = lines().filter((line) => 'statusCode' in line);
    // booking, enrolment, check-in, security, open boarding, boarding, the refused one.
    expect(requests.map((line) => `${String(line['method'])} ${String(line['route'])}`)).toEqual([
      'POST /v1/bookings',
      'POST /v1/enrolments',
      'POST /v1/check-ins',
      'POST /v1/security/presentations',
      'POST /v1/boarding/flights/open',
      'POST /v1/boarding/presentations',
      'POST unmatched',
    ]);
    const atSecurity = requests[3];
    expect(atSecurity).toMatchObject({
      level: 'info',
      statusCode: 200,
      correlationId: 'logs-at-security',
      passengerId: passenger.passengerId,
      durationMs: expect.any(Number),
    });
    expect(requests[2]).toMatchObject({ statusCode: 201, passengerId: passenger.passengerId });
    expect(requests[6]).toMatchObject({ level: 'warn', statusCode: 400 });
    // Made up when the caller sent none, and told to the caller.
    expect(requests[2]!['correlationId']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes a line per event handled, with the correlation id of the request that raised it', () => {
    const handled = lines().filter((line) => line['correlationId'] === 'logs-at-security');
    expect(handled.filter((line) => 'group' in line)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          group: 'boarding-gate',
          topic: 'biogate.journey.v1',
          type: 'SecurityDecided',
          passengerId: passenger.passengerId,
          eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          durationMs: expect.any(Number),
          batchSize: expect.any(Number),
        }),
        expect.objectContaining({ group: 'operations', type: 'SecurityDecided' }),
      ]),
    );
  });

  it('holds no capture, template, full document number, PNR or API key', async () => {
    const text = written.join('');
    const [enrolment] = await services.opened.platform.unitOfWork.read((em) =>
      em.query<{ template_ciphertext: Uint8Array }[]>(
        'SELECT template_ciphertext FROM checkin.enrolment',
      ),
    );
    const ciphertext = Buffer.from(enrolment!.template_ciphertext);
    type Sealed = { ciphertext: string };
    const gallery = await services.opened.platform.unitOfWork.read((em) =>
      em.query<{ sealed: { template: Sealed; wrappedKey: Sealed } }[]>(
        `SELECT sealed FROM security.gallery_entry UNION ALL SELECT sealed FROM boarding.gallery_entry`,
      ),
    );
    expect(gallery).toHaveLength(2);
    const secrets = [
      passenger.personalIdNumber,
      'LOGS01',
      'LOGS01-enrol',
      'LOGS01-sec',
      'LOGS01-brd',
      passenger.boardingPass,
      ciphertext.toString('base64'),
      ciphertext.toString('hex'),
      ...gallery.flatMap(({ sealed }) => [
        sealed.template.ciphertext,
        sealed.wrappedKey.ciphertext,
      ]),
      ...Object.values(KEYS),
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

describe('the log of a service process', () => {
  it('is JSON lines on standard output, from start-up to the last line after SIGTERM', async () => {
    const service = await startServiceProcess('embedded', 3781, {});
    const missing = await fetch(`${service.url}/v1/passengers/${randomUUID()}/channels`, {
      headers: { 'x-api-key': KEYS.airlineVN, 'x-correlation-id': 'process-log-1' },
    });
    expect(missing.headers.get('x-correlation-id')).toBe('process-log-1');
    // Lines leave in blocks, but none waits for more: the request's line is out while it runs.
    const deadline = Date.now() + 2_000;
    while (!service.stdout().includes('process-log-1') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(service.stdout()).toContain('"correlationId":"process-log-1"');
    await service.stop();
    const lines = service
      .stdout()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as LogLine);
    expect(lines.every((line) => line['service'] === 'biogate')).toBe(true);
    const messages = lines.map((line) => line['msg']);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^listening on http:\/\/127\.0\.0\.1:3781/),
        'GET /v1/passengers/:passengerId/channels 403',
        expect.stringMatching(/^SIGTERM: shutting down/),
        'stopped',
      ]),
    );
    expect(messages.at(-1)).toBe('stopped');
    expect(lines.find((line) => line['statusCode'] === 403)).toMatchObject({
      level: 'warn',
      correlationId: 'process-log-1',
    });
  }, 90_000);
});

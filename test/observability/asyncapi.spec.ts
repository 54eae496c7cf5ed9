import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import asyncApi3Schema from '@asyncapi/specs/schemas/3.0.0-without-$id.json';
import { EVENT_CATALOGUE, formatInputError, validateInput, TOPICS } from '@biogate/contracts';
import { ASYNCAPI_FILE, asyncApiDocument, asyncApiDocumentText } from '@biogate/service-runtime';
import { booking } from '../support/booking-fixtures';
import {
  atBoardingEGate,
  atSecurityEGate,
  checkedInPassenger,
  openBoarding,
  settle,
} from '../support/journey-steps';
import { KEYS, startServices, type RunningServices } from '../support/service-harness';

const root = join(__dirname, '../..');

describe('the AsyncAPI document of the topics', () => {
  it('is committed as generated from the event catalogue and its DTOs', () => {
    expect(readFileSync(join(root, ASYNCAPI_FILE), 'utf8')).toBe(asyncApiDocumentText());
  });

  it('is a valid AsyncAPI 3.0 document', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(asyncApi3Schema);
    const valid = validate(asyncApiDocument());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has a channel per topic and a message per event type, with its key and payload', () => {
    const document = asyncApiDocument() as {
      channels: Record<string, { address: string; messages: Record<string, unknown> }>;
      components: { messages: Record<string, { bindings: { kafka: { key: object } } }> };
    };
    expect(Object.values(document.channels).map((c) => c.address)).toEqual(Object.values(TOPICS));
    expect(Object.keys(document.components.messages)).toEqual(
      EVENT_CATALOGUE.map((e) => `${e.type}.v${e.version}`),
    );
    expect(document.components.messages['SecurityDecided.v1']?.bindings.kafka.key).toMatchObject({
      format: 'uuid',
    });
    expect(document.components.messages['QueuesObserved.v1']?.bindings.kafka.key).toMatchObject({
      pattern: '^[A-Z]{3}$',
    });
  });
});

/**
 * What the services really write, over a journey that raises every event type: each message is
 * in the catalogue on its topic, with its key, and its payload holds exactly what the document
 * says (the DTO, strictly: a field the document does not list fails).
 */
describe('the events the services write, against the document', () => {
  let services: RunningServices;

  beforeAll(async () => {
    // The outbox is read as everything the services published: none of it is purged meanwhile.
    services = await startServices('PGlite', '2025-12-01T06:00:00+07:00', {
      env: { BIOGATE_OUTBOX_RETENTION_SECONDS: '86400' },
    });
    const { http } = services;
    const passenger = await checkedInPassenger(services, 'ASYN01', {
      enrolled: true,
      flightNumber: '291',
    });
    await http
      .post('/v1/security/presentations')
      .set('x-api-key', KEYS.operatorSGN)
      .send(atSecurityEGate(passenger, { capture: { quality: 'GOOD', subject: '001077777777' } }));
    await http
      .post('/v1/security/presentations')
      .set('x-api-key', KEYS.operatorSGN)
      .send(atSecurityEGate(passenger));
    await settle(services);
    services.clock.set(Date.parse('2025-12-01T07:40:00+07:00'));
    await openBoarding(services, '291');
    await http
      .post('/v1/boarding/presentations')
      .set('x-api-key', KEYS.operatorSGN)
      .send(atBoardingEGate(passenger));
    await http.put('/v1/airports/SGN/outages/KIOSK').set('x-api-key', KEYS.operatorSGN);
    await http
      .post('/v1/operations/airports/SGN/queues')
      .set('x-api-key', KEYS.operatorSGN)
      .send({ readings: [{ queue: 'CHECK_IN_KIOSK', length: 4, waitSeconds: 120 }] });
    await http.delete(`/v1/enrolments/${passenger.enrolmentId ?? ''}`).set('x-api-key', KEYS.qa);
    // A ticket bought in the VNeID app by a citizen the register knows.
    await http
      .put('/v1/maintenance/population-register/079200900001')
      .set('x-api-key', KEYS.qa)
      .send({ surname: 'NGUYEN', givenName: 'VAN AN', birthDate: '1990-02-03' });
    const bought = await http
      .post('/v1/bookings')
      .set('x-api-key', KEYS.qa)
      .send(
        booking('ASYN02', {
          flight: { number: '292', departureAt: '2025-12-01T12:00:00+07:00' },
          passenger: {
            document: { type: 'CITIZEN_ID_CARD', number: '079200900001', expiresOn: '2031-05-01' },
            purchaseChannel: 'VNEID_APP',
            identityConsent: true,
          },
        }),
      );
    expect(bought.status).toBe(201);
    await settle(services);
  }, 90_000);

  afterAll(() => services.close());

  it('writes only catalogued events, each on its topic, keyed and shaped as documented', async () => {
    const rows = await services.opened.platform.unitOfWork.read((em) =>
      em.query<{ topic: string; message_key: string; envelope: Record<string, unknown> }[]>(
        ['checkin', 'security', 'boarding', 'operations']
          .map((schema) => `SELECT topic, message_key, envelope FROM ${schema}.outbox`)
          .join(' UNION ALL '),
      ),
    );
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const { topic, message_key: key, envelope } of rows) {
      const { type, version, payload } = envelope as {
        type: string;
        version: number;
        payload: unknown;
      };
      const contract = EVENT_CATALOGUE.find((e) => e.type === type && e.version === version);
      if (contract === undefined) {
        problems.push(`${type}@${version}: not in the catalogue`);
        continue;
      }
      seen.add(type);
      if (contract.topic !== topic)
        problems.push(`${type}: on ${topic}, documented on ${contract.topic}`);
      const keyShape = contract.key === 'airport' ? /^[A-Z]{3}$/ : /^[0-9a-f-]{36}$/;
      if (!keyShape.test(key)) problems.push(`${type}: key ${key} is not a ${contract.key}`);
      const checked = validateInput(contract.payload, payload, 'payload');
      if (!checked.ok) problems.push(`${type}: ${checked.errors.map(formatInputError).join('; ')}`);
    }
    expect(problems).toEqual([]);
    // The journey raised every type in the catalogue.
    expect([...seen].sort()).toEqual(EVENT_CATALOGUE.map((e) => e.type).sort());
  });

  it('serves the document as JSON and as a page, without an API key', async () => {
    const json = await services.http.get('/asyncapi.json');
    expect(json.status).toBe(200);
    expect(json.body).toEqual(asyncApiDocument());
    const page = await services.http.get('/asyncapi');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<code>biogate.gallery.v1</code>');
    expect(page.text).toContain('id="message-GalleryEntryStaged-v1"');
    // Offline: nothing loaded from elsewhere.
    expect(page.text).not.toMatch(/<script|https?:\/\/(?!json-schema)/);
  });
});

import { randomBytes } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import request from 'supertest';
import { TOPICS } from '@biogate/contracts';
import { startTracing, type ServiceTracing } from '@biogate/observability';
import { CheckInModule } from '../../apps/checkin/src/checkin.module';
import { checkinPersistence } from '../../apps/checkin/src/persistence/checkin-persistence';
import { securityPersistence } from '../../apps/security-gate/src/persistence/security-persistence';
import { SecurityGateModule } from '../../apps/security-gate/src/security-gate.module';
import { booking } from '../support/booking-fixtures';
import { settle } from '../support/journey-steps';
import { startKafkaServices, type KafkaServices } from '../support/kafka-services';
import { KEYS, startServices, type RunningServices } from '../support/service-harness';

type Http = ReturnType<typeof request>;

/** Books, enrols and checks in one passenger at the kiosk, the check-in under `traceparent`. */
async function checkInUnder(http: Http, traceparent: string): Promise<void> {
  const pnr = `TR${randomBytes(2).toString('hex').toUpperCase()}`;
  const booked = await http.post('/v1/bookings').set('x-api-key', KEYS.qa).send(booking(pnr));
  expect(booked.status).toBe(201);
  const passengerId = (booked.body as { passengers: { passengerId: string }[] }).passengers[0]!
    .passengerId;
  const enrolled = await http
    .post('/v1/enrolments')
    .set('x-api-key', KEYS.qa)
    .send({ passengerId, channel: 'COUNTER', consent: true, capture: { quality: 'GOOD' } });
  expect(enrolled.status).toBe(201);
  const checkedIn = await http
    .post('/v1/check-ins')
    .set('x-api-key', KEYS.qa)
    .set('traceparent', traceparent)
    .send({ passengerId, channel: 'KIOSK' });
  expect(checkedIn.status).toBe(201);
}

/** A caller's trace: its id, and the span the check-in request is a child of. */
function callerTrace() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

/**
 * The check-in's trace, from the caller's span to the security gate's consumer: server span,
 * the command inside it, the outbox row's producer span, the gate's consumer span.
 */
function expectTraceToSecurityGate(
  spans: readonly ReadableSpan[],
  caller: { traceId: string; spanId: string },
): void {
  const inTrace = spans.filter((s) => s.spanContext().traceId === caller.traceId);
  const one = (what: string, match: (s: ReadableSpan) => boolean): ReadableSpan => {
    const found = inTrace.filter(match);
    if (found.length !== 1)
      throw new Error(
        `${what}: ${found.length} spans in the trace (${inTrace.map((s) => s.name).join(', ')})`,
      );
    return found[0]!;
  };
  const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
  const server = one('server span', (s) => s.kind === SpanKind.SERVER);
  expect(server.name).toBe('POST /v1/check-ins');
  expect(server.attributes).toMatchObject({
    'http.route': '/v1/check-ins',
    'http.response.status_code': 201,
  });
  expect(parentOf(server)).toBe(caller.spanId);
  const command = one('command span', (s) => s.name === 'CheckInPassengerCommand');
  expect(parentOf(command)).toBe(server.spanContext().spanId);
  const producer = one(
    'producer span',
    (s) => s.kind === SpanKind.PRODUCER && s.attributes['biogate.event_type'] === 'CheckInDecided',
  );
  expect(producer.name).toBe(`publish ${TOPICS.journey}`);
  expect(parentOf(producer)).toBe(command.spanContext().spanId);
  const consumer = one(
    'security-gate consumer span',
    (s) =>
      s.kind === SpanKind.CONSUMER &&
      s.attributes['messaging.consumer.group.name'] === 'security-gate' &&
      s.attributes['biogate.event_type'] === 'CheckInDecided',
  );
  expect(consumer.name).toBe(`process ${TOPICS.journey}`);
  expect(parentOf(consumer)).toBe(producer.spanContext().spanId);
  expect(consumer.attributes['biogate.duplicate']).toBe(false);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('traces of the embedded services (OpenTelemetry, in process)', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: ServiceTracing;
  let services: RunningServices;

  beforeAll(async () => {
    tracing = startTracing('biogate', { exporter });
    services = await startServices('PGlite', '2025-12-01T06:00:00+07:00');
  }, 60_000);

  afterAll(async () => {
    await services.close();
    await tracing.stop();
  });

  it("carries a check-in's trace through the outbox to the security gate's consumer", async () => {
    const caller = callerTrace();
    await checkInUnder(services.http, caller.traceparent);
    await settle(services);
    expectTraceToSecurityGate(exporter.getFinishedSpans(), caller);
  });

  it('starts a trace of its own for a request that carries none', async () => {
    exporter.reset();
    await services.http
      .get('/v1/passengers/00000000-0000-4000-8000-000000000000/journey')
      .set('x-api-key', KEYS.qa);
    const [server] = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER);
    expect(server?.name).toBe('GET /v1/passengers/:passengerId/journey');
    expect(server?.parentSpanContext).toBeUndefined();
  });
});

describe('traces across services over Kafka', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: ServiceTracing;
  let services: KafkaServices;

  beforeAll(async () => {
    tracing = startTracing('biogate', { exporter });
    services = await startKafkaServices();
  }, 60_000);

  afterAll(async () => {
    await services.stop();
    await tracing.stop();
  }, 60_000);

  it('joins check-in and the security gate in one trace through the Kafka headers', async () => {
    const checkin = await services.start('check-in', [CheckInModule], [checkinPersistence]);
    await services.start('security-gate', [SecurityGateModule], [securityPersistence]);
    const caller = callerTrace();
    await checkInUnder(checkin, caller.traceparent);
    await until(
      () =>
        exporter.getFinishedSpans().some(
          (s) =>
            s.kind === SpanKind.CONSUMER &&
            s.spanContext().traceId === caller.traceId &&
            s.attributes['messaging.consumer.group.name'] === 'security-gate' &&
            // Its consumer span of the gallery event may come first: wait for the one checked.
            s.attributes['biogate.event_type'] === 'CheckInDecided',
        ),
      "the security gate's consumer span of CheckInDecided",
    );
    expectTraceToSecurityGate(exporter.getFinishedSpans(), caller);
  }, 90_000);
});

import { randomBytes } from 'node:crypto';
import { CheckInModule } from '../../apps/checkin/src/checkin.module';
import { checkinPersistence } from '../../apps/checkin/src/persistence/checkin-persistence';
import { securityPersistence } from '../../apps/security-gate/src/persistence/security-persistence';
import { SecurityGateModule } from '../../apps/security-gate/src/security-gate.module';
import { booking } from '../support/booking-fixtures';
import { startKafkaServices, type KafkaServices } from '../support/kafka-services';
import { KEYS } from '../support/service-harness';

/**
 * Distributed mode is configuration: check-in and the security gate as two services, each with
 * its own platform and Kafka client, sharing only a PostgreSQL server (their own schemas) and
 * the Kafka cluster. The gate recognises a boarding pass and matches a face it learnt of only
 * through Kafka (the journey and the restricted gallery topics).
 */
describe('check-in and the security gate over Kafka', () => {
  let services: KafkaServices;

  beforeAll(async () => {
    services = await startKafkaServices();
  }, 60_000);

  afterAll(() => services.stop(), 60_000);

  it('takes a passenger from check-in to the security e-gate', async () => {
    const checkin = await services.start('check-in', [CheckInModule], [checkinPersistence]);
    const security = await services.start(
      'security-gate',
      [SecurityGateModule],
      [securityPersistence],
    );

    const pnr = `KF${randomBytes(2).toString('hex').toUpperCase()}`;
    const booked = await checkin.post('/v1/bookings').set('x-api-key', KEYS.qa).send(booking(pnr));
    expect(booked.status).toBe(201);
    const passengerId = (booked.body as { passengers: { passengerId: string }[] }).passengers[0]!
      .passengerId;
    const enrolled = await checkin
      .post('/v1/enrolments')
      .set('x-api-key', KEYS.qa)
      .send({
        passengerId,
        channel: 'COUNTER',
        consent: true,
        capture: { quality: 'GOOD', seed: 'k' },
      });
    expect(enrolled.status).toBe(201);
    const checkedIn = await checkin
      .post('/v1/check-ins')
      .set('x-api-key', KEYS.qa)
      .send({ passengerId, channel: 'KIOSK' });
    expect(checkedIn.status).toBe(201);
    const bcbp = (checkedIn.body as { boardingPass: { bcbp: string } }).boardingPass.bcbp;

    // The gate learns of the pass and the gallery entry through Kafka: ask until it knows.
    const present = () =>
      security
        .post('/v1/security/presentations')
        .set('x-api-key', KEYS.operatorSGN)
        .send({
          airport: 'SGN',
          lane: 'AUTOMATED',
          boardingPass: bcbp,
          document: { type: 'CITIZEN_ID_CARD', number: '079200001234' },
          capture: { quality: 'GOOD', seed: 'gate' },
        });
    const deadline = Date.now() + 30_000;
    let body = (await present()).body as { cleared: boolean; decision: { reason: string } };
    while (body.decision.reason !== 'OK' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      body = (await present()).body as { cleared: boolean; decision: { reason: string } };
    }
    expect(body).toMatchObject({
      cleared: true,
      decision: { outcome: 'ALLOWED', reason: 'OK', verification: { matched: true } },
    });
  }, 90_000);
});

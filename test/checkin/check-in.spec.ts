import { parseBcbp, type ScannedBoardingPass } from '@biogate/domain';
import { SECURITY_DECIDED, type GalleryEntryStagedV1 } from '@biogate/contracts';
import { EventStamp, type EventEnvelope, type TransportMessage } from '@biogate/messaging';
import { SAMPLE_FLIGHT_REF } from '@biogate/testing';
import { CheckInOutbox } from '../../apps/checkin/src/checkin-outbox';
import { bookPassenger } from '../support/booking-fixtures';
import {
  KEYS,
  startServices,
  type DatabaseKind,
  type RunningServices,
} from '../support/service-harness';

interface CheckInBody {
  decision: {
    outcome: string;
    reason: string;
    redirectTo?: string;
    rules: string[];
    verification?: { similarity: number };
  };
  boardingPass?: { bcbp: string; seat: string; sequence: number };
  alreadyCheckedIn: boolean;
}

const BEFORE_DEPARTURE = '2025-12-01T07:30:00+07:00';

describe.each<DatabaseKind>(['PGlite', 'PostgreSQL'])('check-in on %s', (kind) => {
  let services: RunningServices;
  const journey: TransportMessage[] = [];
  let flightNumber = 100;

  beforeAll(async () => {
    services = await startServices(kind, BEFORE_DEPARTURE);
    services.transport.subscribe(['biogate.journey.v1'], 'test-journey-reader', (m) =>
      Promise.resolve(void journey.push(m)),
    );
  }, 60_000);

  afterAll(() => services.close());
  beforeEach(() => {
    services.clock.set(Date.parse(BEFORE_DEPARTURE));
  });

  /** A passenger on a flight of their own (sequence numbers start at 1). */
  const book = (pnr: string, passenger: Record<string, unknown> = {}) =>
    bookPassenger(services, pnr, { flight: { number: String(flightNumber++) }, passenger });
  const checkIn = (body: object, key: string = KEYS.airlineVN) =>
    services.http.post('/v1/check-ins').set('x-api-key', key).send(body);
  const enrol = (passengerId: string) =>
    services.http
      .post('/v1/enrolments')
      .set('x-api-key', KEYS.qa)
      .send({
        passengerId,
        channel: 'COUNTER',
        consent: true,
        capture: { quality: 'GOOD', seed: 'e' },
      });
  const announced = async (passengerId: string) => {
    await services.app.get(CheckInOutbox).drain();
    await services.transport.idle();
    return journey
      .map((m) => JSON.parse(m.value) as EventEnvelope<{ boardingPass?: { bcbp: string } }>)
      .filter((e) => e.type === 'CheckInDecided' && e.key === passengerId);
  };

  it('issues an IATA BCBP boarding pass at the kiosk', async () => {
    const passengerId = await book('KI0001');
    const response = await checkIn({ passengerId, channel: 'KIOSK' });
    expect(response.status).toBe(201);
    const body = response.body as CheckInBody;
    expect(body.decision).toMatchObject({ outcome: 'ALLOWED', reason: 'OK', rules: ['R7'] });
    expect(body.boardingPass).toMatchObject({ seat: '1A', sequence: 1 });
    const scanned = parseBcbp(body.boardingPass!.bcbp);
    expect(scanned).toEqual({
      ok: true,
      value: {
        passengerName: 'NGUYEN/VAN AN',
        pnr: 'KI0001',
        from: 'SGN',
        to: 'HAN',
        carrier: 'VN',
        flightNumber: String(flightNumber - 1),
        julianDay: 335,
        compartment: 'Y',
        seat: '1A',
        sequence: 1,
        status: '1',
      } satisfies ScannedBoardingPass,
    });
    const events = await announced(passengerId);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.boardingPass?.bcbp).toBe(body.boardingPass!.bcbp);
  });

  it('gives the same boarding pass again to a passenger already checked in', async () => {
    const passengerId = await book('KI0002');
    const first = (await checkIn({ passengerId, channel: 'KIOSK' })).body as CheckInBody;
    const again = await checkIn({ passengerId, channel: 'COUNTER' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      alreadyCheckedIn: true,
      boardingPass: first.boardingPass,
      decision: first.decision,
    });
    expect(await announced(passengerId)).toHaveLength(1);
  });

  it('sends a passenger without bags from the counter to the kiosk on 1 Dec, without a boarding pass', async () => {
    const passengerId = await book('CO0001');
    const response = await checkIn({ passengerId, channel: 'COUNTER' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      decision: { outcome: 'REDIRECTED', redirectTo: 'KIOSK', reason: 'COUNTER_NOT_ELIGIBLE' },
    });
    expect((response.body as CheckInBody).boardingPass).toBeUndefined();
    expect(
      await services.count(
        `SELECT count(*) AS n FROM checkin.journey_step WHERE passenger_id = '${passengerId}'`,
      ),
    ).toBe(1);
    const events = await announced(passengerId);
    expect(events.map((e) => e.payload.boardingPass)).toEqual([undefined]);
  });

  it("places a gate's decision in the journey log, once, and leaves out a passenger it never booked", async () => {
    const passengerId = await book('GS0001');
    const stranger = '0b5f0e3a-0000-4000-8000-00000000dead';
    const events = new EventStamp('security-gate', '2025-12-01T01:00:00.000Z', 'corr');
    const decision = {
      phase: 'BIOMETRIC_DEFAULT',
      outcome: 'ALLOWED',
      reason: 'OK',
      rules: ['R9'],
      incentiveWindow: false,
    };
    const decided = (id: string) =>
      events.stamp({
        ...SECURITY_DECIDED,
        key: id,
        payload: {
          passengerId: id,
          flight: SAMPLE_FLIGHT_REF,
          airport: 'SGN',
          lane: 'MANUAL',
          at: '2025-12-01T01:00:00.000Z',
          cleared: true,
          decision,
        },
      });
    const known = decided(passengerId);
    await services.transport.publish(
      [known, known, decided(stranger)].map((e) => ({
        topic: 'biogate.journey.v1',
        key: e.key,
        value: JSON.stringify(e),
      })),
    );
    await services.transport.idle();
    const steps = await services.opened.platform.unitOfWork.read((em) =>
      em.query<{ passenger_id: string; point: string; decision: object }[]>(
        `SELECT passenger_id, point, decision FROM checkin.journey_step
          WHERE touchpoint = 'SECURITY' AND passenger_id IN ($1, $2)`,
        [passengerId, stranger],
      ),
    );
    expect(steps).toEqual([
      {
        passenger_id: passengerId,
        point: 'MANUAL',
        decision,
      },
    ]);
  });

  it('checks in a passenger with a bag at the counter', async () => {
    const passengerId = await book('CO0002', { checkedBags: 1 });
    expect((await checkIn({ passengerId, channel: 'COUNTER' })).status).toBe(201);
  });

  describe('biometric check-in', () => {
    it('verifies the face 1:1 and writes the template read to the audit trail', async () => {
      const passengerId = await book('BI0001', {
        document: { type: 'CITIZEN_ID_CARD', number: '079200006001' },
      });
      expect((await enrol(passengerId)).status).toBe(201);
      const audits = () => services.count('SELECT count(*) AS n FROM checkin.template_access');
      const before = await audits();
      const response = await checkIn({
        passengerId,
        channel: 'BIOMETRIC',
        capture: { quality: 'GOOD', seed: 'b1' },
      });
      expect(response.status).toBe(201);
      expect((response.body as CheckInBody).decision).toMatchObject({
        outcome: 'ALLOWED',
        rules: ['R2', 'R3', 'R4'],
      });
      expect((response.body as CheckInBody).decision.verification!.similarity).toBeGreaterThan(0.9);
      // Two reads: the 1:1 verification, then the staging of the flight's gallery.
      expect(await audits()).toBe(before + 2);
      const audit = await services.opened.platform.unitOfWork.read((em) =>
        em.query<{ accessor: string; touchpoint: string }[]>(
          'SELECT accessor, touchpoint FROM checkin.template_access ORDER BY id DESC LIMIT 2',
        ),
      );
      expect(audit.reverse()).toEqual([
        { accessor: 'Vietnam Airlines (demo)', touchpoint: 'CHECK_IN' },
        { accessor: 'check-in gallery staging', touchpoint: 'GALLERY' },
      ]);
    });

    it('stages the template for the flight, sealed, on the restricted gallery topic only', async () => {
      const gallery: TransportMessage[] = [];
      services.transport.subscribe(['biogate.gallery.v1'], 'test-gallery-reader', (m) => {
        gallery.push(m);
        return Promise.resolve();
      });
      const passengerId = await book('GA0001', {
        document: { type: 'CITIZEN_ID_CARD', number: '079200006003' },
      });
      const enrolment = (await enrol(passengerId)).body as { templateId: string };
      const response = await checkIn({ passengerId, channel: 'KIOSK' });
      expect(response.status).toBe(201);
      await announced(passengerId);
      const entries = gallery
        .map((m) => JSON.parse(m.value) as EventEnvelope<GalleryEntryStagedV1>)
        .filter((e) => e.key === passengerId);
      expect(entries).toHaveLength(1);
      const entry = entries[0]!.payload;
      expect(entry).toMatchObject({
        passengerId,
        templateId: enrolment.templateId,
        flight: { carrier: 'VN' },
      });
      const template = services.opened.platform.galleryCipher.open(
        entry.templateId,
        entry.flight.flightId,
        entry.sealed,
      );
      expect(template).toEqual(services.opened.platform.faceModel.template('079200006003'));
      const ordinary = journey.map((m) => m.value).join('\n');
      expect(ordinary).not.toContain(entry.sealed.template.ciphertext);
    });

    it('sends an impostor to the kiosk (FACE_MISMATCH), without a boarding pass', async () => {
      const passengerId = await book('BI0002', {
        document: { type: 'CITIZEN_ID_CARD', number: '079200006002' },
      });
      await enrol(passengerId);
      const response = await checkIn({
        passengerId,
        channel: 'BIOMETRIC',
        capture: { quality: 'GOOD', subject: '001088888888', seed: 'imp' },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        decision: { outcome: 'REDIRECTED', redirectTo: 'KIOSK', reason: 'FACE_MISMATCH' },
      });
      expect((response.body as CheckInBody).boardingPass).toBeUndefined();
    });

    it('sends a passenger who is not enrolled to the kiosk (NOT_ENROLLED)', async () => {
      const passengerId = await book('BI0003');
      const response = await checkIn({
        passengerId,
        channel: 'BIOMETRIC',
        capture: { quality: 'GOOD' },
      });
      expect(response.body).toMatchObject({
        decision: { outcome: 'REDIRECTED', redirectTo: 'KIOSK', reason: 'NOT_ENROLLED' },
      });
    });

    it('answers 400 without a live capture', async () => {
      const passengerId = await book('BI0004');
      const response = await checkIn({ passengerId, channel: 'BIOMETRIC' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ errors: [{ path: 'body.capture' }] });
    });
  });

  it.each<[string, string, string]>([
    ['before it opens', '2025-11-30T08:59:00+07:00', 'check-in for VN'],
    [
      'after it closes',
      '2025-12-01T08:21:00+07:00',
      'closed at 2025-12-01T08:20:00+07:00 (40 min before departure)',
    ],
  ])('refuses a check-in %s with 409 and logs nothing', async (_when, at, message) => {
    const passengerId = await book(`WI${at.slice(11, 13)}${at.slice(14, 16)}`);
    services.clock.set(Date.parse(at));
    const response = await checkIn({ passengerId, channel: 'KIOSK' });
    expect(response.status).toBe(409);
    expect((response.body as { message: string }).message).toContain(message);
    expect(
      await services.count(
        `SELECT count(*) AS n FROM checkin.journey_step WHERE passenger_id = '${passengerId}'`,
      ),
    ).toBe(0);
  });

  it('gives ten passengers checking in at once ten sequence numbers and seats', async () => {
    const number = String(flightNumber++);
    const passengers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        bookPassenger(services, `CC${String(i).padStart(4, '0')}`, { flight: { number } }),
      ),
    );
    const responses = await Promise.all(
      passengers.map((passengerId) => checkIn({ passengerId, channel: 'KIOSK' })),
    );
    const passes = responses.map((r) => (r.body as CheckInBody).boardingPass!);
    expect(passes.map((p) => p.sequence).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(new Set(passes.map((p) => p.seat)).size).toBe(10);
  });

  it('lets the airline and the departure airport check in, nobody else', async () => {
    const passengerId = await book('RO0001');
    expect((await checkIn({ passengerId, channel: 'KIOSK' }, KEYS.airlineVJ)).status).toBe(403);
    expect((await checkIn({ passengerId, channel: 'KIOSK' }, KEYS.operatorHAN)).status).toBe(403);
    expect((await checkIn({ passengerId, channel: 'KIOSK' }, KEYS.operatorSGN)).status).toBe(201);
  });
});

import { FaceModel, SimulatedClock, SimulatedPopulationRegister } from '@biogate/domain';
import { TemplateCipher, type Principal } from '@biogate/service-runtime';
import { InMemoryUnitOfWork } from '@biogate/testing';
import type { CheckinOutbox } from '../../checkin-outbox';
import {
  BookedPassengerRow,
  BookingRow,
  EnrolmentRow,
  FlightRow,
} from '../../persistence/checkin.entities';
import { EnrolPassengerCommand } from './enrol-passenger.command';
import { EnrolPassengerHandler } from './enrol-passenger.handler';

const qa: Principal = { role: 'QA', name: 'QA' };
const PASSENGER = '1c0e7a52-0000-4000-8000-00000000000a';
const ID_NUMBER = '079200001234';

function setUp(passenger: Partial<BookedPassengerRow> = {}, now = '2025-12-01T07:30:00+07:00') {
  const unitOfWork = new InMemoryUnitOfWork();
  const { em } = unitOfWork;
  em.seed(FlightRow, {
    id: 'f1',
    carrier: 'VN',
    flightNumber: '213',
    departureDate: '2025-12-01',
    origin: 'SGN',
    destination: 'HAN',
    departureAt: new Date('2025-12-01T09:00:00+07:00'),
    international: false,
  });
  em.seed(BookingRow, {
    id: 'b1',
    carrier: 'VN',
    pnr: 'K7Q2ZD',
    flightId: 'f1',
    createdAt: new Date(),
  });
  em.seed(BookedPassengerRow, {
    id: PASSENGER,
    bookingId: 'b1',
    position: 0,
    surname: 'NGUYEN',
    givenName: 'VAN AN',
    birthDate: null,
    documentType: 'CITIZEN_ID_CARD',
    documentNumber: ID_NUMBER,
    documentExpiresOn: null,
    checkedBags: 0,
    ssr: [],
    ...passenger,
  });
  const register = new SimulatedPopulationRegister();
  const cipher = TemplateCipher.ephemeral();
  const outbox = {
    append: () => Promise.resolve(),
    committed: () => undefined,
  } as unknown as CheckinOutbox;
  const handler = new EnrolPassengerHandler(
    unitOfWork,
    new SimulatedClock(Date.parse(now)),
    new FaceModel(),
    register,
    cipher,
    outbox,
  );
  const enrol = (request: Record<string, unknown> = {}) =>
    handler.execute(
      new EnrolPassengerCommand(
        qa,
        {
          passengerId: PASSENGER,
          channel: 'COUNTER',
          consent: true,
          capture: { quality: 'GOOD', seed: 'u' },
          ...request,
        } as never,
        'corr',
      ),
    );
  return { enrol, em, register, cipher };
}

describe('EnrolPassengerHandler (in-memory ports)', () => {
  it('enrols the genuine holder and seals the chip photo as the template', async () => {
    const { enrol, em, cipher } = setUp();
    const outcome = await enrol();
    expect(outcome).toMatchObject({ outcome: 'ENROLLED', reason: 'OK' });
    const [row] = em.rows(EnrolmentRow);
    expect(row).toMatchObject({ personalIdNumber: ID_NUMBER, channel: 'COUNTER' });
    const template = cipher.open(row!.templateId, {
      ciphertext: row!.templateCiphertext,
      iv: row!.templateIv,
      tag: row!.templateTag,
    });
    expect(template).toEqual(new FaceModel().template(ID_NUMBER));
  });

  it.each<
    [
      string,
      Partial<BookedPassengerRow>,
      (r: SimulatedPopulationRegister) => void,
      Record<string, unknown>,
      string,
      string?,
    ]
  >([
    [
      'a passport',
      { documentType: 'PASSPORT', documentNumber: 'C1234567' },
      () => undefined,
      {},
      'DOCUMENT_NOT_ELIGIBLE',
      undefined,
    ],
    [
      'an identity unknown to the register',
      {},
      (r) => {
        r.override(ID_NUMBER, { registered: false });
      },
      {},
      'NOT_IN_POPULATION_REGISTER',
      undefined,
    ],
    [
      'a level-1 VNeID account in the app',
      {},
      (r) => {
        r.override(ID_NUMBER, { vneidLevel: 1 });
      },
      { channel: 'VNEID_APP' },
      'VNEID_LEVEL_TOO_LOW',
      undefined,
    ],
    [
      'the app 30 min before departure',
      {},
      () => undefined,
      { channel: 'VNEID_APP' },
      'OUTSIDE_APP_WINDOW',
      '2025-12-01T08:30:00+07:00',
    ],
    [
      'a chip photo of someone else (forged card)',
      {},
      (r) => {
        r.override(ID_NUMBER, { chipPhotoSeed: '001011112222' });
      },
      {},
      'FACE_MISMATCH',
      undefined,
    ],
    [
      'a mask',
      {},
      () => undefined,
      { capture: { quality: 'GOOD', presentationAttack: true, seed: 'attack-1' } },
      'LIVENESS_FAILED',
      undefined,
    ],
  ])('refuses %s and stores nothing', async (_what, passenger, arrange, request, reason, now) => {
    const { enrol, em, register } = setUp(passenger, now);
    arrange(register);
    expect(await enrol(request)).toMatchObject({ outcome: 'REFUSED', reason });
    expect(em.rows(EnrolmentRow)).toEqual([]);
  });
});

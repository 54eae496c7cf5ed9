import {
  DIRECTIVE_POLICY,
  FaceModel,
  PhasePolicy,
  SimulatedPopulationRegister,
} from '@biogate/domain';
import { type Principal } from '@biogate/service-runtime';
import { GalleryCipher, TemplateCipher } from '@biogate/biometrics';
import type { OutboxEntry, PendingEvents } from '@biogate/messaging';
import { NoDatabaseUnitOfWork } from '@biogate/testing';
import type { CheckInOutbox } from '../../checkin-outbox';
import type { TemplateRead } from '../enrolled-template.reader';
import type { CheckInStore } from '../../persistence/checkin-store';
import type {
  BookedPassengerRow,
  BookingRow,
  EnrolmentRow,
  FlightRow,
} from '../../persistence/checkin.entities';
import { EnrolPassengerCommand } from './enrol-passenger.command';
import { EnrolmentStaging } from '../enrolment-staging';
import { ExistingEnrolmentMatch } from '../existing-enrolment';
import { EnrolPassengerHandler } from './enrol-passenger.handler';

const qa: Principal = { role: 'QA', name: 'QA' };
const PASSENGER = '1c0e7a52-0000-4000-8000-00000000000a';
const ID_NUMBER = '079200001234';

function setUp(patch: Partial<BookedPassengerRow> = {}, now = '2025-12-01T07:30:00+07:00') {
  const flight: FlightRow = {
    id: 'f1',
    carrier: 'VN',
    flightNumber: '213',
    departureDate: '2025-12-01',
    origin: 'SGN',
    destination: 'HAN',
    departureAt: new Date('2025-12-01T09:00:00+07:00'),
    international: false,
  };
  const booking: BookingRow = {
    id: 'b1',
    carrier: 'VN',
    pnr: 'K7Q2ZD',
    flightId: 'f1',
    createdAt: new Date(),
  };
  const passenger: BookedPassengerRow = {
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
    purchaseChannel: 'AIRLINE',
    identityConsentAt: null,
    ...patch,
  };
  const register = new SimulatedPopulationRegister();
  const cipher = TemplateCipher.ephemeral();
  const announced: unknown[] = [];
  const outbox = {
    within: (_em: unknown, entries: readonly OutboxEntry[]) => ({
      sql: '',
      parameters: entries.map((entry) => entry.envelope.type),
    }),
  } as unknown as CheckInOutbox;
  // The store answers from these rows and keeps what it is given (its SQL runs in test/checkin).
  const enrolments: EnrolmentRow[] = [];
  const templateReads: TemplateRead[] = [];
  const store = {
    bookedPassenger: (_em: unknown, id: string) =>
      Promise.resolve(
        id === passenger.id
          ? {
              passenger,
              booking,
              flight,
              enrolment:
                enrolments.find((e) => e.personalIdNumber === passenger.documentNumber) ?? null,
              checkIn: null,
              outages: [],
            }
          : undefined,
      ),
    recordEnrolment: (
      _em: unknown,
      enrolment: EnrolmentRow,
      reads: readonly TemplateRead[],
      events: PendingEvents,
    ) => {
      enrolments.push(enrolment);
      templateReads.push(...reads);
      announced.push(...(events(16)?.parameters ?? []));
      return Promise.resolve();
    },
    checkedInFlightsOf: () => Promise.resolve([]),
    recordTemplateReads: (_em: unknown, reads: readonly TemplateRead[]) => {
      templateReads.push(...reads);
      return Promise.resolve();
    },
  } as unknown as CheckInStore;
  const faces = new FaceModel();
  const handler = new EnrolPassengerHandler(
    new NoDatabaseUnitOfWork(),
    faces,
    register,
    cipher,
    new PhasePolicy({ ...DIRECTIVE_POLICY, airports: {} }),
    store,
    new EnrolmentStaging(cipher, GalleryCipher.ephemeral(), outbox, store),
    new ExistingEnrolmentMatch(faces, cipher, store),
  );
  const enrol = (request: Record<string, unknown> = {}, at = Date.parse(now)) =>
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
        at,
      ),
    );
  return { enrol, enrolments, register, cipher, templateReads, announced };
}

describe('EnrolPassengerHandler (store mocked)', () => {
  it('decides at the instant it is decided at', async () => {
    // The card expired on 30 Nov: refused on 1 Dec, valid on 29 Nov.
    const late = setUp({ documentExpiresOn: '2025-11-30' });
    const refused = await late.enrol({}, Date.parse('2025-12-01T10:00:00+07:00'));
    expect(refused).toMatchObject({ outcome: 'REFUSED', reason: 'INVALID_DOCUMENT' });
    const early = setUp({ documentExpiresOn: '2025-11-30' });
    const outcome = await early.enrol({}, Date.parse('2025-11-29T10:00:00+07:00'));
    expect(outcome).toMatchObject({ outcome: 'ENROLLED', reason: 'OK' });
  });

  it('enrols the genuine holder and seals the chip photo as the template', async () => {
    const { enrol, enrolments, cipher, announced } = setUp();
    const outcome = await enrol();
    expect(outcome).toMatchObject({ outcome: 'ENROLLED', reason: 'OK' });
    // Written with the enrolment, in its statement (no flight checked in: no gallery entry).
    expect(announced).toEqual(['PassengerEnrolled']);
    const [row] = enrolments;
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
      'an expired citizen ID card',
      { documentExpiresOn: '2025-11-30' },
      () => undefined,
      {},
      'INVALID_DOCUMENT',
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
      'the app one second after the window closed (1 h before departure)',
      {},
      () => undefined,
      { channel: 'VNEID_APP' },
      'OUTSIDE_APP_WINDOW',
      '2025-12-01T08:00:01+07:00',
    ],
    [
      'the app one second before the window opens (24 h before departure)',
      {},
      () => undefined,
      { channel: 'VNEID_APP' },
      'OUTSIDE_APP_WINDOW',
      '2025-11-30T08:59:59+07:00',
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
    const { enrol, enrolments, register } = setUp(passenger, now);
    arrange(register);
    expect(await enrol(request)).toMatchObject({ outcome: 'REFUSED', reason });
    expect(enrolments).toEqual([]);
  });

  it.each([
    ['the window opens, 24 h before departure', '2025-11-30T09:00:00+07:00'],
    ['the window closes, 1 h before departure', '2025-12-01T08:00:00+07:00'],
    ['within the closing second', '2025-12-01T08:00:00.900+07:00'],
  ])('enrols in the app at both ends of its window: %s', async (_label, now) => {
    const { enrol } = setUp({}, now);
    expect(await enrol({ channel: 'VNEID_APP' })).toMatchObject({
      outcome: 'ENROLLED',
      reason: 'OK',
    });
  });

  it('tells an existing enrolment only to the face that matches it, and never its template', async () => {
    const { enrol, templateReads } = setUp();
    const first = await enrol();
    expect(first).toMatchObject({ outcome: 'ENROLLED', reason: 'OK' });
    expect(templateReads).toEqual([]);
    const impostor = await enrol({ capture: { quality: 'GOOD', subject: '001099998888' } });
    expect(impostor).toMatchObject({ outcome: 'REFUSED', reason: 'FACE_MISMATCH' });
    expect(impostor).not.toHaveProperty('enrolmentId');
    const mask = await enrol({
      capture: { quality: 'GOOD', presentationAttack: true, seed: 'attack-1' },
    });
    expect(mask).toMatchObject({ outcome: 'REFUSED', reason: 'LIVENESS_FAILED' });
    const holder = await enrol({ capture: { quality: 'GOOD', seed: 'again' } });
    expect(holder).toEqual({
      outcome: 'ENROLLED',
      reason: 'ALREADY_ENROLLED',
      enrolmentId: (first as { enrolmentId: string }).enrolmentId,
      similarity: expect.any(Number) as number,
    });
    // every 1:1 against the enrolled template is in the audit trail, whatever its outcome
    expect(templateReads.map((r) => [r.touchpoint, r.purpose])).toEqual(
      Array.from({ length: 3 }, () => ['ENROLMENT', 'existing enrolment 1:1']),
    );
  });
});

import { FaceModel } from '@biogate/domain';
import { GatePresentation, type LaneContext } from '@biogate/lane-gate';
import { loadAirportRegistry, phasePolicyFor } from '@biogate/reference-data';
import { type Principal } from '@biogate/service-runtime';
import { GalleryCipher } from '@biogate/biometrics';
import {
  NoDatabaseUnitOfWork,
  SAMPLE_FLIGHT_ID,
  SAMPLE_PASSENGER_ID,
  sampleBcbp,
  samplePass,
} from '@biogate/testing';
import type { BoardingOutbox } from '../../boarding-outbox';
import type {
  BoardingPresentationRecord,
  BoardingStore,
  PassAtBoarding,
} from '../../persistence/boarding-store';
import { BoardingLanes } from '../boarding-lanes';
import { PresentAtBoardingCommand } from './present-at-boarding.command';
import { PresentAtBoardingHandler } from './present-at-boarding.handler';
const airports = loadAirportRegistry();
const faces = new FaceModel();
const operator: Principal = { role: 'OPERATOR', name: 'SGN ops', airport: 'SGN' };
const FLIGHT_ID = SAMPLE_FLIGHT_ID;
const PASSENGER = SAMPLE_PASSENGER_ID;
const ID_NUMBER = '079200001234';
const BCBP = sampleBcbp();

interface World {
  open?: 'OPEN' | 'CLOSED' | undefined;
  gate?: string;
  cleared?: boolean;
  boarded?: boolean;
  enrolled?: boolean;
}

/** The handler over a store that answers from `world` and keeps what it is asked to write. */
function setUp(world: World) {
  const gallery = GalleryCipher.ephemeral();
  const templateId = '0b6f3a52-0000-4000-8000-0000000000ff';
  const context: LaneContext<PassAtBoarding> = {
    pass: {
      ...samplePass(),
      seat: '1A',
      boarded: world.boarded ? { gate: '12', at: new Date('2025-12-01T01:00:00Z') } : null,
      boarding: world.open ? { state: world.open, gate: world.gate ?? '12' } : null,
      securityCleared: world.cleared ?? false,
    },
    galleryEntry: world.enrolled
      ? {
          templateId,
          flightId: FLIGHT_ID,
          sealed: gallery.seal(templateId, FLIGHT_ID, faces.template(ID_NUMBER)),
        }
      : null,
    outages: [],
  };
  const records: BoardingPresentationRecord[] = [];
  const store = {
    laneContext: (_em: unknown, bcbp: string) => Promise.resolve(bcbp === BCBP ? context : null),
    recordPresentation: (
      _em: unknown,
      record: BoardingPresentationRecord,
      events: (first: number) => unknown,
    ) => {
      records.push(record);
      events(1);
      return Promise.resolve();
    },
  } as unknown as BoardingStore;
  // The events the handler hands the store to write with its record.
  const announced: unknown[] = [];
  const outbox = {
    within: (_em: unknown, entries: unknown[]) => void announced.push(...entries),
  } as unknown as BoardingOutbox;
  const handler = new PresentAtBoardingHandler(
    new GatePresentation(
      new NoDatabaseUnitOfWork(),
      phasePolicyFor(airports),
      airports,
      faces,
      gallery,
    ),
    new BoardingLanes(store, outbox),
  );
  const present = (patch: Record<string, unknown> = {}) =>
    handler.execute(
      new PresentAtBoardingCommand(
        operator,
        {
          airport: 'SGN',
          gate: '12',
          lane: 'MANUAL',
          boardingPass: BCBP,
          document: { type: 'CITIZEN_ID_CARD', number: ID_NUMBER },
          ...patch,
        } as never,
        'corr',
        Date.parse('2025-12-01T08:20:00+07:00'),
      ),
    );
  return { present, records, announced };
}

describe('PresentAtBoardingHandler (store mocked)', () => {
  it.each<[string, World, string]>([
    // domain.md §5: a pass shown again is the fraud signal, whatever else is wrong.
    ['a second boarding comes first', { boarded: true, cleared: false }, 'ALREADY_BOARDED'],
    ['even after close', { open: 'CLOSED', boarded: true }, 'ALREADY_BOARDED'],
    ['even at another gate', { open: 'OPEN', gate: '14', boarded: true }, 'ALREADY_BOARDED'],
    ['then boarding not open', { cleared: false }, 'BOARDING_NOT_OPEN'],
    ['closed boarding', { open: 'CLOSED', cleared: true }, 'BOARDING_NOT_OPEN'],
    ['then the gate', { open: 'OPEN', gate: '14', cleared: false }, 'WRONG_GATE'],
    ['then security', { open: 'OPEN', cleared: false }, 'SECURITY_NOT_CLEARED'],
  ])('rejects in the order of the checks: %s', async (_what, world, reason) => {
    const { present } = setUp(world);
    const view = await present();
    expect(view).toMatchObject({ boarded: false, decision: { outcome: 'REJECTED', reason } });
  });

  it('boards at the manual gate once every check passes, and announces it', async () => {
    const { present, records, announced } = setUp({ open: 'OPEN', cleared: true });
    const view = await present();
    expect(view).toMatchObject({
      boarded: true,
      seat: '1A',
      decision: { outcome: 'ALLOWED', rules: ['R8'] },
    });
    expect(records).toMatchObject([
      { pass: { passengerId: PASSENGER }, gate: '12', lane: 'MANUAL', allowed: true },
    ]);
    expect(announced).toMatchObject([
      {
        topic: 'biogate.journey.v1',
        envelope: { type: 'BoardingDecided', key: PASSENGER, payload: { boarded: true } },
      },
    ]);
  });

  it('raises DUPLICATE_BOARDING and SECURITY_NOT_CLEARED alerts, not BOARDING_NOT_OPEN ones', async () => {
    for (const [world, kind] of [
      [{ open: 'OPEN', boarded: true, cleared: true }, 'DUPLICATE_BOARDING'],
      [{ open: 'OPEN', cleared: false }, 'SECURITY_NOT_CLEARED'],
      [{ cleared: true }, undefined],
    ] as const) {
      const { present, records, announced } = setUp(world);
      const view = await present();
      expect(records.map((r) => r.alert?.kind)).toEqual([kind]);
      const alertId = records[0]?.alert?.alertId;
      expect(view.alert).toEqual(kind === undefined ? undefined : { alertId, kind });
      // The operators' console hears of it under the same id, from the same transaction.
      const raised = (announced as { envelope: { type: string; payload: object } }[]).filter(
        (entry) => entry.envelope.type === 'LaneAlertRaised',
      );
      expect(raised.map((entry) => entry.envelope.payload)).toEqual(
        kind === undefined
          ? []
          : [
              expect.objectContaining({
                alertId,
                kind,
                airport: 'SGN',
                gate: '12',
                passengerId: PASSENGER,
              }),
            ],
      );
    }
  });

  it('verifies the face at the e-gate against the flight gallery', async () => {
    const genuine = setUp({ open: 'OPEN', cleared: true, enrolled: true });
    const ok = await genuine.present({
      lane: 'AUTOMATED',
      capture: { quality: 'GOOD', seed: 's' },
    });
    expect(ok).toMatchObject({
      boarded: true,
      decision: { outcome: 'ALLOWED', verification: { matched: true } },
    });
    // the template read in clear is written with the decision: who, which touchpoint, why
    expect(genuine.records[0]?.templateAccess).toEqual({
      templateId: expect.any(String),
      accessor: 'SGN ops',
      touchpoint: 'BOARDING',
      purpose: 'e-gate 1:1',
      at: expect.any(Date),
    });

    const impostor = setUp({ open: 'OPEN', cleared: true, enrolled: true });
    const refused = await impostor.present({
      lane: 'AUTOMATED',
      capture: { quality: 'GOOD', subject: '001099999999', seed: 's' },
    });
    expect(refused).toMatchObject({
      boarded: false,
      decision: { redirectTo: 'MANUAL', reason: 'FACE_MISMATCH' },
      alert: { kind: 'FACE_MISMATCH' },
    });
  });

  it('sends a passenger with no gallery entry from the e-gate to the manual gate (NOT_ENROLLED)', async () => {
    const { present } = setUp({ open: 'OPEN', cleared: true });
    const view = await present({ lane: 'AUTOMATED', capture: { quality: 'GOOD' } });
    expect(view).toMatchObject({
      boarded: false,
      decision: { outcome: 'REDIRECTED', redirectTo: 'MANUAL', reason: 'NOT_ENROLLED' },
    });
  });
});

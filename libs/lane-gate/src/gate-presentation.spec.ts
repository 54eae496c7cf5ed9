import { FaceModel } from '@biogate/domain';
import { GalleryCipher } from '@biogate/biometrics';
import { loadAirportRegistry, phasePolicyFor } from '@biogate/reference-data';
import type { Principal } from '@biogate/service-runtime';
import { NoDatabaseUnitOfWork, sampleBcbp, samplePass } from '@biogate/testing';
import {
  GatePresentation,
  type GateLanes,
  type GatePresented,
  type LanePresentationRequest,
} from './gate-presentation';
import type { LanePass } from './lane-pass';

const airports = loadAirportRegistry();
const PASS: LanePass = samplePass();
const BCBP = sampleBcbp();

/** A gate that knows one pass, keeps what it is asked to record, and the events it announces. */
function gateLanes() {
  const recorded: { presented: GatePresented<LanePass, string>; events: unknown[] }[] = [];
  const reads: string[] = [];
  const lanes: GateLanes<LanePass, string, LanePresentationRequest> = {
    service: 'security',
    touchpoint: 'SECURITY',
    purpose: 'test 1:1',
    placeOf: ({ airport, lane }) => ({ airport, touchpoint: 'SECURITY', lane, where: 'here' }),
    context: (_em, bcbp) => {
      reads.push(bcbp);
      return Promise.resolve(
        bcbp === BCBP ? { pass: PASS, galleryEntry: null, outages: [] } : null,
      );
    },
    decided: (events, { pass }) =>
      pass === undefined ? [] : [{ topic: 'journey', envelope: { type: 'Decided' } as never }],
    record: (_em, presented, _request, events) => {
      const insert = events(1) as { entries?: unknown[] } | undefined;
      recorded.push({ presented, events: insert === undefined ? [] : [insert] });
      return Promise.resolve();
    },
    outbox: { within: (_em, entries) => ({ entries, sql: '', parameters: [] }) as never },
  };
  return { lanes, recorded, reads };
}

function presentation(): GatePresentation {
  return new GatePresentation(
    new NoDatabaseUnitOfWork(),
    phasePolicyFor(airports),
    airports,
    new FaceModel(),
    GalleryCipher.ephemeral(),
  );
}

const sgnOperator: Principal = { role: 'OPERATOR', name: 'SGN ops', airport: 'SGN' };
const AT = Date.parse('2025-12-01T08:20:00+07:00');
const request = (patch: Partial<LanePresentationRequest> = {}): LanePresentationRequest => ({
  airport: 'SGN',
  lane: 'MANUAL',
  boardingPass: BCBP,
  document: { type: 'CITIZEN_ID_CARD', number: '079200001234' },
  ...patch,
});

describe('GatePresentation', () => {
  it.each<[string, Principal, LanePresentationRequest, string]>([
    ['another airport of an operator', sgnOperator, request({ airport: 'HAN' }), 'may not act'],
    [
      'an airport that does not exist',
      { ...sgnOperator, role: 'QA' },
      request({ airport: 'XXX' }),
      'invalid request body',
    ],
  ])('refuses %s before it reads or writes anything', async (_what, principal, shown, message) => {
    const { lanes, recorded, reads } = gateLanes();
    await expect(
      presentation().present(lanes, { principal, request: shown, correlationId: 'c', at: AT }),
    ).rejects.toThrow(message);
    expect(reads).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('records the decision with the gate event and the alert of the same id in one insert', async () => {
    const { lanes, recorded } = gateLanes();
    const unknown = await presentation().present(lanes, {
      principal: sgnOperator,
      request: request({ boardingPass: BCBP.replace('K7Q2ZD', 'ZZZZZZ') }),
      correlationId: 'c',
      at: AT,
    });
    // An unknown pass names nobody: no gate event, only the alert, under the id answered.
    expect(unknown).toMatchObject({
      allowed: false,
      pass: undefined,
      decision: { outcome: 'REJECTED', reason: 'BOARDING_PASS_UNKNOWN' },
      alert: { kind: 'UNKNOWN_BOARDING_PASS' },
    });
    expect(recorded[0]?.events).toMatchObject([
      {
        entries: [
          {
            envelope: {
              type: 'LaneAlertRaised',
              payload: { alertId: unknown.alert?.alertId, airport: 'SGN', lane: 'MANUAL' },
            },
          },
        ],
      },
    ]);

    const known = await presentation().present(lanes, {
      principal: sgnOperator,
      request: request(),
      correlationId: 'c',
      at: AT,
    });
    expect(known).toMatchObject({ allowed: true, pass: PASS, alert: undefined });
    expect(recorded[1]?.events).toMatchObject([{ entries: [{ envelope: { type: 'Decided' } }] }]);
  });

  it.each([
    ['at 07:45:10', Date.parse('2025-12-01T07:45:10+07:00')],
    ['a day before', Date.parse('2025-11-30T08:20:00+07:00')],
  ])('decides and records at the instant it is decided at: %s', async (_case, at) => {
    const { lanes, recorded } = gateLanes();
    const presented = await presentation().present(lanes, {
      principal: { ...sgnOperator, role: 'QA' },
      request: request(),
      correlationId: 'c',
      at,
    });
    expect(presented.at.getTime()).toBe(at);
    expect(recorded[0]?.presented.at.getTime()).toBe(at);
  });
});

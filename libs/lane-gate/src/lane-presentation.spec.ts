import { FaceModel } from '@biogate/domain';
import { SAMPLE_FLIGHT_ID, sampleBcbp, samplePass } from '@biogate/testing';
import { loadAirportRegistry, phasePolicyFor } from '@biogate/reference-data';
import { GalleryCipher } from '@biogate/biometrics';
import type { LanePass } from './lane-pass';
import { presentAtLane, type LaneContext, type LaneGate, type LaneStep } from './lane-presentation';

const faces = new FaceModel();
const gallery = GalleryCipher.ephemeral();
const policy = phasePolicyFor(loadAirportRegistry());
const FLIGHT_ID = SAMPLE_FLIGHT_ID;
const TEMPLATE_ID = '0b6f3a52-0000-4000-8000-0000000000ff';
const ID_NUMBER = '079200001234';
const bcbp = sampleBcbp;
const pass = (origin: string): LanePass => samplePass(origin);
const enrolled = {
  templateId: TEMPLATE_ID,
  flightId: FLIGHT_ID,
  sealed: gallery.seal(TEMPLATE_ID, FLIGHT_ID, faces.template(ID_NUMBER)),
};

/** The gate knows pass 1 (from SGN, enrolled) and pass 2 (from HAN); refuses if `refuse`. */
function gate(refuse = false): LaneGate<LanePass, 'GATE_ALERT'> {
  const known: Record<string, LaneContext<LanePass>> = {
    [bcbp(1)]: { pass: pass('SGN'), galleryEntry: enrolled, outages: [] },
    [bcbp(2)]: { pass: pass('HAN'), galleryEntry: enrolled, outages: [] },
  };
  return {
    ports: { policy, faces, gallery },
    context: (shown) => Promise.resolve(known[shown] ?? null),
    refusal: () =>
      refuse ? { reason: 'WRONG_GATE', detail: 'boards at 14', alert: 'GATE_ALERT' } : undefined,
  };
}

const step = (patch: Partial<LaneStep>): LaneStep => ({
  touchpoint: 'SECURITY',
  lane: 'MANUAL',
  airport: 'SGN',
  at: new Date('2025-12-01T08:20:00+07:00'),
  boardingPass: bcbp(1),
  document: { type: 'CITIZEN_ID_CARD', number: ID_NUMBER },
  capture: undefined,
  accessor: 'SGN ops',
  purpose: 'automated lane 1:1',
  where: 'at AUTOMATED lane',
  ...patch,
});

describe('presentAtLane', () => {
  it.each<[string, Partial<LaneStep>, boolean, string, string | undefined, boolean]>([
    // what, step, refused by the gate, reason, alert, pass named
    [
      'a pass that does not parse',
      { boardingPass: 'M1X' },
      false,
      'BOARDING_PASS_INVALID',
      'INVALID_BOARDING_PASS',
      false,
    ],
    [
      'a pass never issued',
      { boardingPass: bcbp(9) },
      false,
      'BOARDING_PASS_UNKNOWN',
      'UNKNOWN_BOARDING_PASS',
      false,
    ],
    [
      "another airport's pass names nobody",
      { boardingPass: bcbp(2) },
      true,
      'BOARDING_PASS_WRONG_AIRPORT',
      'UNKNOWN_BOARDING_PASS',
      false,
    ],
    ["the gate's own check, with the pass", {}, true, 'WRONG_GATE', 'GATE_ALERT', true],
  ])('refuses %s', async (_what, patch, refuse, reason, alert, named) => {
    const outcome = await presentAtLane(gate(refuse), step(patch));
    expect(outcome.decision).toMatchObject({ outcome: 'REJECTED', reason });
    expect(outcome.alert?.kind).toBe(alert);
    expect(outcome.pass !== undefined).toBe(named);
    expect(outcome.templateAccess).toBeUndefined();
  });

  it('decides a manual lane by the policy alone, with no template read', async () => {
    const outcome = await presentAtLane(gate(), step({}));
    expect(outcome).toMatchObject({ decision: { outcome: 'ALLOWED' }, pass: { origin: 'SGN' } });
    expect(outcome.templateAccess).toBeUndefined();
  });

  it('matches the face at an e-gate, and returns the read for the audit trail', async () => {
    const genuine = await presentAtLane(
      gate(),
      step({ lane: 'AUTOMATED', capture: { quality: 'GOOD', seed: 's' } }),
    );
    expect(genuine.decision).toMatchObject({ outcome: 'ALLOWED', verification: { matched: true } });
    expect(genuine.templateAccess).toMatchObject({ templateId: TEMPLATE_ID, accessor: 'SGN ops' });

    const impostor = await presentAtLane(
      gate(),
      step({ lane: 'AUTOMATED', capture: { quality: 'GOOD', subject: '001099999999', seed: 's' } }),
    );
    expect(impostor.decision).toMatchObject({ outcome: 'REDIRECTED', reason: 'FACE_MISMATCH' });
    expect(impostor.alert).toEqual({
      kind: 'FACE_MISMATCH',
      detail: 'FACE_MISMATCH at AUTOMATED lane',
    });
    expect(impostor.templateAccess).toBeDefined();
  });
});

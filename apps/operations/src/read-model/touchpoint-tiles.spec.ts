import { touchpointTiles, type StepCount } from './touchpoint-tiles';

function count(partial: Partial<StepCount>): StepCount {
  return {
    touchpoint: 'SECURITY',
    point: 'AUTOMATED',
    outcome: 'ALLOWED',
    reason: 'BIOMETRIC_ELIGIBLE',
    redirectTo: '',
    presentations: 1,
    compared: 0,
    matched: 0,
    ...partial,
  };
}

describe('touchpoint tiles', () => {
  it('gives every point a tile in journey order, even with nothing counted', () => {
    const tiles = touchpointTiles([]);
    expect(tiles.map((t) => `${t.touchpoint}/${t.point}`)).toEqual([
      'CHECK_IN/COUNTER',
      'CHECK_IN/KIOSK',
      'CHECK_IN/BIOMETRIC',
      'SECURITY/AUTOMATED',
      'SECURITY/MANUAL',
      'BOARDING/AUTOMATED',
      'BOARDING/MANUAL',
    ]);
    expect(tiles[3]?.biometric).toEqual({ captureRate: null, matchRate: null, fallbackRate: null });
    expect(tiles[4]?.biometric).toBeUndefined();
  });

  it('keeps capture, match and fallback rates apart at an e-gate', () => {
    const [, , , gate] = touchpointTiles([
      // 6 compared and matched, 2 compared and not matched (sent to MANUAL), 2 never compared.
      count({ presentations: 6, compared: 6, matched: 6 }),
      count({
        outcome: 'REDIRECTED',
        reason: 'FACE_MISMATCH',
        redirectTo: 'MANUAL',
        presentations: 2,
        compared: 2,
      }),
      count({
        outcome: 'REDIRECTED',
        reason: 'NOT_ENROLLED',
        redirectTo: 'MANUAL',
        presentations: 1,
      }),
      count({ outcome: 'REJECTED', reason: 'BOARDING_PASS_INVALID', presentations: 1 }),
    ]);
    expect(gate).toMatchObject({ presentations: 10, allowed: 6, redirected: 3, rejected: 1 });
    expect(gate?.biometric).toEqual({ captureRate: 0.8, matchRate: 0.75, fallbackRate: 0.3 });
    expect(gate?.reasons).toEqual([
      { outcome: 'REDIRECTED', reason: 'FACE_MISMATCH', redirectTo: 'MANUAL', count: 2 },
      // Equal counts: by reason.
      { outcome: 'REJECTED', reason: 'BOARDING_PASS_INVALID', count: 1 },
      { outcome: 'REDIRECTED', reason: 'NOT_ENROLLED', redirectTo: 'MANUAL', count: 1 },
    ]);
  });

  it('counts a redirect from biometric check-in to the counter or the kiosk as a fallback', () => {
    const tiles = touchpointTiles([
      count({
        touchpoint: 'CHECK_IN',
        point: 'BIOMETRIC',
        presentations: 3,
        compared: 3,
        matched: 3,
      }),
      count({
        touchpoint: 'CHECK_IN',
        point: 'BIOMETRIC',
        outcome: 'REDIRECTED',
        reason: 'KIOSK_OUTAGE',
        redirectTo: 'COUNTER',
      }),
    ]);
    expect(tiles[2]?.biometric?.fallbackRate).toBe(0.25);
    expect(tiles[0]?.presentations).toBe(0);
  });

  it('adds rows of one reason from several quarters', () => {
    const [counter] = touchpointTiles([
      count({ touchpoint: 'CHECK_IN', point: 'COUNTER', outcome: 'REJECTED', reason: 'X' }),
      count({ touchpoint: 'CHECK_IN', point: 'COUNTER', outcome: 'REJECTED', reason: 'X' }),
    ]);
    expect(counter?.reasons).toEqual([{ outcome: 'REJECTED', reason: 'X', count: 2 }]);
  });
});

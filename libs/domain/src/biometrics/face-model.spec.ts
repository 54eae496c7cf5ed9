import { cosine, DEFAULT_FACE_MODEL, FaceModel, type CaptureShown } from './face-model';
import { SeededRandom } from './seeded-random';

const model = new FaceModel();

function rate(n: number, outcome: (i: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < n; i++) if (outcome(i)) hits++;
  return hits / n;
}

describe('the simulated face model', () => {
  it('derives the same template from the same seed, and unit length', () => {
    const a = model.template('079200001234');
    expect(model.template('079200001234')).toEqual(a);
    expect(cosine(a, a)).toBeCloseTo(1, 6);
    expect(a).toHaveLength(DEFAULT_FACE_MODEL.dimensions);
  });

  it('gives the same capture for the same capture seed, another for another', () => {
    const circumstances = {
      faceSeed: 'p1',
      quality: 'GOOD' as const,
      presentationAttack: false,
      captureSeed: 'c1',
    };
    expect(model.capture(circumstances)).toEqual(model.capture(circumstances));
    expect(model.capture({ ...circumstances, captureSeed: 'c2' }).vector).not.toEqual(
      model.capture(circumstances).vector,
    );
  });

  it('matches a genuine good capture (false non-match rate under 0.5%)', () => {
    const fnmr = rate(1000, (i) => {
      const template = model.template(`person-${i}`);
      const capture = model.capture({
        faceSeed: `person-${i}`,
        quality: 'GOOD',
        presentationAttack: false,
        captureSeed: `g${i}`,
      });
      return !model.compare(template, capture).matched;
    });
    expect(fnmr).toBeLessThan(0.005);
  });

  it('fails some poor captures of the genuine person (false non-match between 2% and 15%)', () => {
    const fnmr = rate(1000, (i) => {
      const template = model.template(`person-${i}`);
      const capture = model.capture({
        faceSeed: `person-${i}`,
        quality: 'POOR',
        presentationAttack: false,
        captureSeed: `p${i}`,
      });
      return !model.compare(template, capture).matched;
    });
    expect(fnmr).toBeGreaterThan(0.02);
    expect(fnmr).toBeLessThan(0.15);
  });

  it('rejects impostors (false match rate under 0.1%)', () => {
    const fmr = rate(2000, (i) => {
      const template = model.template(`holder-${i}`);
      const capture = model.capture({
        faceSeed: `impostor-${i}`,
        quality: 'GOOD',
        presentationAttack: false,
        captureSeed: `i${i}`,
      });
      return model.compare(template, capture).matched;
    });
    expect(fmr).toBeLessThan(0.001);
  });

  it('catches presentation attacks at the configured rate, and passes live people', () => {
    const attackPass = rate(
      2000,
      (i) =>
        model.compare(
          model.template('x'),
          model.capture({
            faceSeed: 'x',
            quality: 'GOOD',
            presentationAttack: true,
            captureSeed: `a${i}`,
          }),
        ).live,
    );
    expect(attackPass).toBeGreaterThan(0.005);
    expect(attackPass).toBeLessThan(0.05);
    const livePass = rate(
      500,
      (i) =>
        model.compare(
          model.template('x'),
          model.capture({
            faceSeed: 'x',
            quality: 'POOR',
            presentationAttack: false,
            captureSeed: `l${i}`,
          }),
        ).live,
    );
    expect(livePass).toBe(1);
  });

  it('makes a random generator that is uniform enough and reproducible', () => {
    const a = new SeededRandom('seed');
    const b = new SeededRandom('seed');
    const values = Array.from({ length: 10_000 }, () => a.next());
    expect(Array.from({ length: 10_000 }, () => b.next())).toEqual(values);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});

describe("verifyHolder, the capacity model's verification", () => {
  const faces = new FaceModel();
  const holder = '079200001234';
  const shown = (i: number): CaptureShown => {
    const kind = i % 5;
    return {
      quality: kind === 1 || kind === 2 ? 'POOR' : 'GOOD',
      seed: `holder-${i}`,
      ...(kind === 3 ? { subject: '079200009999' } : {}),
      ...(kind === 4 ? { presentationAttack: true } : {}),
    };
  };

  it('says what verify says, genuine or not, good capture or poor, attack or not', () => {
    let mismatched = 0;
    for (let i = 0; i < 1500; i++) {
      const full = faces.verify(faces.template(holder), shown(i), holder);
      const quick = faces.verifyHolder(shown(i), holder);
      expect(quick).toEqual({ matched: full.matched, live: full.live });
      if (!full.matched || !full.live) mismatched++;
    }
    // The sample holds failures too, so that agreement is not only on easy cases.
    expect(mismatched).toBeGreaterThan(300);
  });

  it('falls back to verify where liveness could fail a genuine capture', () => {
    const strict = new FaceModel({ ...DEFAULT_FACE_MODEL, livenessThreshold: 0.9 });
    for (let i = 0; i < 200; i += 5) {
      const full = strict.verify(strict.template(holder), shown(i), holder);
      expect(strict.verifyHolder(shown(i), holder)).toEqual({
        matched: full.matched,
        live: full.live,
      });
    }
  });
});

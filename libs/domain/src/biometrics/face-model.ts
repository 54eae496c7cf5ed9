import { SeededRandom } from './seeded-random';

/** A face template: a unit vector. Sensitive personal data wherever it is stored or sent. */
export type FaceTemplate = Float32Array;

export const CAPTURE_QUALITIES = ['GOOD', 'POOR'] as const;
export type CaptureQuality = (typeof CAPTURE_QUALITIES)[number];

/**
 * The simulated biometrics of domain.md §6, with every rate and threshold in one place so that
 * false-match and false-non-match behaviour can be tuned and measured.
 */
export interface FaceModelConfig {
  readonly dimensions: number;
  /** Similarity (cosine) at or above which two faces match. */
  readonly matchThreshold: number;
  /** Size of the noise a capture adds to the true face, by capture quality. */
  readonly captureNoise: Readonly<Record<CaptureQuality, number>>;
  /** Liveness score at or above which a capture is taken as a live person. */
  readonly livenessThreshold: number;
  /** Share of presentation attacks (photo, mask, replay) that still pass the liveness check. */
  readonly attackLivenessPassRate: number;
}

export const DEFAULT_FACE_MODEL: FaceModelConfig = {
  dimensions: 128,
  matchThreshold: 0.6,
  // cosine(template, capture) ≈ 1/√(1+σ²): about 0.96 for GOOD (virtually no false
  // non-match), 0.67 for POOR (about 6% fail the 0.6 threshold, measured over 2,000 captures).
  captureNoise: { GOOD: 0.3, POOR: 1.1 },
  livenessThreshold: 0.5,
  attackLivenessPassRate: 0.02,
};

/** Who is in front of the camera, and how the capture went. */
export interface CaptureCircumstances {
  /** The face seed of the person actually present (an impostor presents their own face). */
  readonly faceSeed: string;
  readonly quality: CaptureQuality;
  readonly presentationAttack: boolean;
  /** Makes the noise of this capture reproducible. */
  readonly captureSeed: string;
}

/** A live capture as a camera reports it (the services' FaceCaptureDto, its seed settled). */
export interface CaptureShown {
  readonly subject?: string;
  readonly quality: CaptureQuality;
  readonly presentationAttack?: boolean;
  readonly seed: string;
}

export interface LiveCapture {
  readonly vector: Float32Array;
  readonly livenessScore: number;
}

export interface FaceComparison {
  readonly similarity: number;
  readonly matched: boolean;
  readonly live: boolean;
}

/** Recently derived faces: a verification derives the same face twice (template and capture). */
const RECENT_FACES = 256;

export class FaceModel {
  private readonly recent = new Map<string, FaceTemplate>();

  constructor(readonly config: FaceModelConfig = DEFAULT_FACE_MODEL) {}

  /** The template of a face, the same for the same seed everywhere (a copy: the caller's own). */
  template(faceSeed: string): FaceTemplate {
    return this.face(faceSeed).slice();
  }

  private face(faceSeed: string): FaceTemplate {
    const known = this.recent.get(faceSeed);
    if (known !== undefined) return known;
    const random = new SeededRandom(`face:${faceSeed}`);
    const vector = new Float32Array(this.config.dimensions);
    for (let i = 0; i < vector.length; i++) vector[i] = random.normal();
    if (this.recent.size >= RECENT_FACES) this.recent.clear();
    this.recent.set(faceSeed, normalise(vector));
    return vector;
  }

  /** A live capture: the true face plus noise by quality, and a liveness score. */
  capture(circumstances: CaptureCircumstances): LiveCapture {
    const random = new SeededRandom(`capture:${circumstances.captureSeed}`);
    const face = this.face(circumstances.faceSeed);
    const sigma = this.config.captureNoise[circumstances.quality];
    const perDimension = sigma / Math.sqrt(face.length);
    const vector = new Float32Array(face.length);
    for (let i = 0; i < face.length; i++)
      vector[i] = (face[i] ?? 0) + perDimension * random.normal();
    const passesAsLive =
      !circumstances.presentationAttack || random.next() < this.config.attackLivenessPassRate;
    const livenessScore = passesAsLive ? 0.75 + 0.25 * random.next() : 0.3 * random.next();
    return { vector: normalise(vector), livenessScore };
  }

  /**
   * 1:1 verification of a live capture, as a camera reports it, against a template: the person in
   * front of the camera is `shown.subject`, or by default the holder of the identity presented.
   */
  verify(template: FaceTemplate, shown: CaptureShown, presentedIdentity: string): FaceComparison {
    return this.compare(
      template,
      this.capture({
        faceSeed: shown.subject ?? presentedIdentity,
        quality: shown.quality,
        presentationAttack: shown.presentationAttack ?? false,
        captureSeed: shown.seed,
      }),
    );
  }

  /**
   * What `verify` would say of a capture against the template of `holder`'s own face, presented
   * as `holder`, without deriving the face when the capture's noise alone decides: for a unit
   * template t, cos(t, t + n) >= sqrt(1 - |n|^2), so a capture of the holder with little noise
   * always matches, and one that is no attack always passes liveness (its score is at least
   * 0.75). Anything else is `verify`. The capacity model calls it for every biometric step.
   */
  verifyHolder(shown: CaptureShown, holder: string): Pick<FaceComparison, 'matched' | 'live'> {
    const { matchThreshold, livenessThreshold, dimensions, captureNoise } = this.config;
    const genuine = (shown.subject ?? holder) === holder && shown.presentationAttack !== true;
    if (genuine && livenessThreshold <= 0.75) {
      // The same draws, in the same order, as `capture` makes for the noise.
      const random = new SeededRandom(`capture:${shown.seed}`);
      const perDimension = captureNoise[shown.quality] / Math.sqrt(dimensions);
      let noise = 0;
      for (let i = 0; i < dimensions; i++) noise += (perDimension * random.normal()) ** 2;
      // A margin for float32 rounding, far larger than it.
      const bound = matchThreshold + 0.01;
      if (noise < 1 - bound * bound) return { matched: true, live: true };
    }
    const { matched, live } = this.verify(this.face(holder), shown, holder);
    return { matched, live };
  }

  /** 1:1 verification of a live capture against a template. */
  compare(template: FaceTemplate, capture: LiveCapture): FaceComparison {
    const similarity = cosine(template, capture.vector);
    return {
      similarity,
      matched: similarity >= this.config.matchThreshold,
      live: capture.livenessScore >= this.config.livenessThreshold,
    };
  }
}

export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error('templates of different sizes');
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) / norm;
  return vector;
}

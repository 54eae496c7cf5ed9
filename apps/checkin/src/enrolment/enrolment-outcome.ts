export const ENROLMENT_REASONS = [
  'OK',
  'ALREADY_ENROLLED',
  'INVALID_DOCUMENT',
  'DOCUMENT_NOT_ELIGIBLE',
  'NOT_IN_POPULATION_REGISTER',
  'VNEID_LEVEL_TOO_LOW',
  'OUTSIDE_APP_WINDOW',
  'LIVENESS_FAILED',
  'FACE_MISMATCH',
] as const;
export type EnrolmentReason = (typeof ENROLMENT_REASONS)[number];

/** The answer to an enrolment attempt: a value, whether it enrolled or not. */
export type EnrolmentOutcome =
  | {
      readonly outcome: 'ENROLLED';
      readonly reason: 'OK';
      readonly enrolmentId: string;
      readonly templateId: string;
      readonly similarity: number;
    }
  | {
      /** Told only after the live face matched the enrolment; never its template id. */
      readonly outcome: 'ENROLLED';
      readonly reason: 'ALREADY_ENROLLED';
      readonly enrolmentId: string;
      readonly similarity: number;
    }
  | {
      readonly outcome: 'REFUSED';
      readonly reason: Exclude<EnrolmentReason, 'OK' | 'ALREADY_ENROLLED'>;
      readonly similarity?: number;
    };

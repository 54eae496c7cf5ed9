/**
 * Payloads of the identity family, version 1. They carry identity references (enrolment and
 * template ids), never a template or a personal identification number.
 */

export interface PassengerEnrolledV1 {
  readonly enrolmentId: string;
  readonly templateId: string;
  readonly passengerId: string;
  readonly channel: 'COUNTER' | 'VNEID_APP';
}

export interface ConsentWithdrawnV1 {
  readonly enrolmentId: string;
  readonly templateId: string;
  readonly passengerId: string;
}

export interface TemplateDeletedV1 {
  readonly enrolmentId: string;
  readonly templateId: string;
  readonly reason: 'CONSENT_WITHDRAWN' | 'RETENTION_EXPIRED';
}

export const PASSENGER_ENROLLED = { type: 'PassengerEnrolled', version: 1 } as const;
export const CONSENT_WITHDRAWN = { type: 'ConsentWithdrawn', version: 1 } as const;
export const TEMPLATE_DELETED = { type: 'TemplateDeleted', version: 1 } as const;

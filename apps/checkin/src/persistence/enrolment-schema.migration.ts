import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Biometric enrolment: one active enrolment per person (personal identification number), its
 * consent, and its template sealed with AES-256-GCM. Every read of a template is audited.
 */
export class CheckinEnrolment1764000000002 implements MigrationInterface {
  name = 'CheckinEnrolment1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE checkin.enrolment (
      id uuid PRIMARY KEY,
      personal_id_number varchar(12) NOT NULL UNIQUE,
      passenger_id uuid NOT NULL REFERENCES checkin.booked_passenger (id),
      channel varchar(10) NOT NULL,
      consent_at timestamptz NOT NULL,
      enrolled_at timestamptz NOT NULL,
      template_id uuid NOT NULL UNIQUE,
      template_ciphertext bytea NOT NULL,
      template_iv bytea NOT NULL,
      template_tag bytea NOT NULL
    )`);
    await q.query(`CREATE TABLE checkin.template_access (
      id bigserial PRIMARY KEY,
      template_id uuid NOT NULL,
      accessor varchar(80) NOT NULL,
      touchpoint varchar(20) NOT NULL,
      purpose varchar(40) NOT NULL,
      accessed_at timestamptz NOT NULL
    )`);
    await q.query('CREATE INDEX template_access_template ON checkin.template_access (template_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE checkin.template_access');
    await q.query('DROP TABLE checkin.enrolment');
  }
}

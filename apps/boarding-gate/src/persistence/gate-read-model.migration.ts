import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Both gates keep issued passes and gallery entries in tables of one shape (libs/lane-gate's
 * gate read model): the boarding gate's passes gain when they were issued, its gallery entries
 * when they were staged. Rows kept before have neither.
 */
export class BoardingGateReadModel1764000000204 implements MigrationInterface {
  name = 'BoardingGateReadModel1764000000204';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE boarding.boarding_pass ADD COLUMN issued_at timestamptz');
    await q.query('ALTER TABLE boarding.gallery_entry ADD COLUMN staged_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE boarding.gallery_entry DROP COLUMN staged_at');
    await q.query('ALTER TABLE boarding.boarding_pass DROP COLUMN issued_at');
  }
}

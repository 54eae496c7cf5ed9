import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Both gates keep issued passes and gallery entries in tables of one shape (libs/lane-gate's
 * gate read model): the security gate's passes gain the seat. Passes kept before have none.
 */
export class SecurityGateReadModel1764000000103 implements MigrationInterface {
  name = 'SecurityGateReadModel1764000000103';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE security.boarding_pass ADD COLUMN seat varchar(4)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE security.boarding_pass DROP COLUMN seat');
  }
}

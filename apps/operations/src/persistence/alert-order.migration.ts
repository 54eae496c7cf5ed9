import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The latest alerts in an order that does not depend on how the two gates' events reached this
 * service (see `OperationsStore.alerts`): the index follows that order, so the list still reads
 * the newest rows of the index first.
 */
export class OperationsAlertOrder1764000000403 implements MigrationInterface {
  name = 'OperationsAlertOrder1764000000403';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX alert_latest ON operations.alert (airport, raised_at, (touchpoint = 'BOARDING'), seq)`,
    );
    await q.query('DROP INDEX operations.alert_airport');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX alert_airport ON operations.alert (airport, raised_at, seq)');
    await q.query('DROP INDEX operations.alert_latest');
  }
}

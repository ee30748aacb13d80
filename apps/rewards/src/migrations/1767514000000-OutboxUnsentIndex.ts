import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The push relay looks for recorded pushes not yet handed to identity. */
export class OutboxUnsentIndex1767514000000 implements MigrationInterface {
  name = 'OutboxUnsentIndex1767514000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_push_unsent ON rewards.outbox (created_at) WHERE sent_at IS NULL AND channel = 'push'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX rewards.outbox_push_unsent');
  }
}

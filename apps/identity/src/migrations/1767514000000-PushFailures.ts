import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Pushes given up on (provider refused, retries used up, device gone), with the provider's reason. */
export class PushFailures1767514000000 implements MigrationInterface {
  name = 'PushFailures1767514000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity.push_failures (
        id bigserial PRIMARY KEY,
        message_id text NOT NULL,
        user_id text NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        device_type text NOT NULL,
        device_hash text NOT NULL,
        provider text NOT NULL,
        reason text NOT NULL,
        http_status int,
        attempts int NOT NULL,
        device_removed boolean NOT NULL DEFAULT false,
        failed_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (message_id, device_hash)
      )`);
    await q.query('CREATE INDEX push_failures_user ON identity.push_failures (user_id, failed_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE identity.push_failures');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which user ids belong to a deleted account: no certificate may be issued to them until the
 * person registers again (user ids follow from the login, so a returning person has the same id).
 */
export class UserPresence1767400000000 implements MigrationInterface {
  name = 'UserPresence1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE certificates.user_presence (
      user_id text PRIMARY KEY, deleted_at timestamptz, registered_at timestamptz)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE certificates.user_presence');
  }
}

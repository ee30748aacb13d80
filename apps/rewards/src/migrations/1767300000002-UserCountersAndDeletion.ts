import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * users.scans_count: the scan total kept with the scan (for the user.stats event without a count);
 * users.deleted_at: a deleted user's rows stay (the ledger is append-only) but reads answer 404;
 * users.merged_into: the primary account a merged secondary was folded into.
 */
export class UserCountersAndDeletion1767300000002 implements MigrationInterface {
  name = 'UserCountersAndDeletion1767300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rewards.users ADD COLUMN scans_count int NOT NULL DEFAULT 0, ADD COLUMN deleted_at timestamptz, ADD COLUMN merged_into text');
    await q.query('UPDATE rewards.users u SET scans_count = s.n FROM (SELECT user_id, count(*)::int AS n FROM rewards.scans GROUP BY user_id) s WHERE s.user_id = u.user_id');
    // Lets a single-statement write refuse a deleted user (the whole statement rolls back).
    await q.query(`CREATE FUNCTION rewards.require_live_user(deleted_at timestamptz) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN IF deleted_at IS NOT NULL THEN RAISE EXCEPTION 'unknown user' USING ERRCODE = 'P0404'; END IF; RETURN true; END $$`);
    await q.query('CREATE TABLE rewards.processed_events (event_key text PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rewards.processed_events');
    await q.query('DROP FUNCTION rewards.require_live_user');
    await q.query('ALTER TABLE rewards.users DROP COLUMN scans_count, DROP COLUMN deleted_at, DROP COLUMN merged_into');
  }
}

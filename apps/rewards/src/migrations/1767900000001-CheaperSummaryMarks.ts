import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account-summary marks (AccountSummaryFeed) at a cost linear in the rows a statement wrote;
 * the triggers stay statement-level and on the same tables, so every write path stays covered.
 * - users: PL/pgSQL planned the old/new join once, when a transition table held one row, and
 *   kept that plan: a nested loop, n² comparisons per statement (40,000 for a 200-scan batch,
 *   25 million for a 5,000-user month-end batch). EXECUTE plans it per statement with the real
 *   row counts (a hash join).
 * - a user marked again in the same transaction (a scan marks from scans and from balances)
 *   keeps its mark without a second row version: DO UPDATE ... WHERE still takes the row lock
 *   that keeps the feed away until the writer commits.
 */
export class CheaperSummaryMarks1767900000001 implements MigrationInterface {
  name = 'CheaperSummaryMarks1767900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION rewards.mark_summary_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO rewards.account_summary_dirty AS d (user_id) SELECT DISTINCT user_id FROM changed
          ON CONFLICT (user_id) DO UPDATE SET marked_at = now() WHERE d.marked_at <> now();
        RETURN NULL;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION rewards.mark_summary_dirty_users() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE $q$
          INSERT INTO rewards.account_summary_dirty AS d (user_id)
            SELECT n.user_id FROM new_rows n JOIN old_rows o USING (user_id)
            WHERE (n.level, n.level_type, n.boost_level, n.boost_end, n.timezone_min, n.deleted_at)
              IS DISTINCT FROM (o.level, o.level_type, o.boost_level, o.boost_end, o.timezone_min, o.deleted_at)
          ON CONFLICT (user_id) DO UPDATE SET marked_at = now() WHERE d.marked_at <> now()$q$;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION rewards.mark_summary_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO rewards.account_summary_dirty (user_id) SELECT DISTINCT user_id FROM changed
          ON CONFLICT (user_id) DO UPDATE SET marked_at = now();
        RETURN NULL;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION rewards.mark_summary_dirty_users() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO rewards.account_summary_dirty (user_id)
          SELECT n.user_id FROM new_rows n JOIN old_rows o USING (user_id)
          WHERE (n.level, n.level_type, n.boost_level, n.boost_end, n.timezone_min, n.deleted_at)
            IS DISTINCT FROM (o.level, o.level_type, o.boost_level, o.boost_end, o.timezone_min, o.deleted_at)
        ON CONFLICT (user_id) DO UPDATE SET marked_at = now();
        RETURN NULL;
      END $$`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users whose account summary (coins, level info, dashboard) may have changed, marked by
 * statement-level triggers on what it is computed from, so every write path is covered (scans,
 * claims, cashouts, deposits, buddies, reviews, month-end, merges) without each one remembering
 * to tell. The feed (account-summary.feed.ts) takes them, computes and emits the summaries.
 */
export class AccountSummaryFeed1767300000003 implements MigrationInterface {
  name = 'AccountSummaryFeed1767300000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rewards.account_summary_dirty (user_id text PRIMARY KEY, marked_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE FUNCTION rewards.mark_summary_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO rewards.account_summary_dirty (user_id) SELECT DISTINCT user_id FROM changed
          ON CONFLICT (user_id) DO UPDATE SET marked_at = now();
        RETURN NULL;
      END $$`);
    // DO UPDATE, not DO NOTHING: the writer then holds the mark's row lock until it commits, so the
    // feed (SKIP LOCKED) cannot take the mark and compute from data the writer has not committed yet.
    // Only the columns a summary shows: month-end touches every user it examines, not every level changes.
    await q.query(`CREATE FUNCTION rewards.mark_summary_dirty_users() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO rewards.account_summary_dirty (user_id)
          SELECT n.user_id FROM new_rows n JOIN old_rows o USING (user_id)
          WHERE (n.level, n.level_type, n.boost_level, n.boost_end, n.timezone_min, n.deleted_at)
            IS DISTINCT FROM (o.level, o.level_type, o.boost_level, o.boost_end, o.timezone_min, o.deleted_at)
        ON CONFLICT (user_id) DO UPDATE SET marked_at = now();
        RETURN NULL;
      END $$`);
    const triggers: [table: string, event: 'INSERT' | 'UPDATE' | 'DELETE'][] = [
      ['balances', 'INSERT'], ['balances', 'UPDATE'], ['scans', 'INSERT'], ['scans', 'DELETE'],
      ['contributions', 'INSERT'], ['contributions', 'UPDATE'], ['buddies', 'INSERT'], ['buddies', 'DELETE'], ['users', 'INSERT'],
    ];
    for (const [table, event] of triggers) {
      const rows = event === 'DELETE' ? 'OLD' : 'NEW';
      await q.query(`CREATE TRIGGER ${table}_${event.toLowerCase()}_summary AFTER ${event} ON rewards.${table}
        REFERENCING ${rows} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION rewards.mark_summary_dirty()`);
    }
    await q.query(`CREATE TRIGGER users_update_summary AFTER UPDATE ON rewards.users
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rewards.mark_summary_dirty_users()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['balances_insert', 'balances_update', 'scans_insert', 'scans_delete', 'contributions_insert', 'contributions_update', 'buddies_insert', 'buddies_delete', 'users_insert']) {
      await q.query(`DROP TRIGGER ${t}_summary ON rewards.${t.split('_')[0]}`);
    }
    await q.query('DROP TRIGGER users_update_summary ON rewards.users');
    await q.query('DROP FUNCTION rewards.mark_summary_dirty_users');
    await q.query('DROP FUNCTION rewards.mark_summary_dirty');
    await q.query('DROP TABLE rewards.account_summary_dirty');
  }
}

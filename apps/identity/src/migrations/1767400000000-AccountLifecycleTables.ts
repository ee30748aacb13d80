import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen copies of the column lists at the time of this migration (users-admin/user-stat-columns.ts may grow).
const W = ['popup', 'text', 'image', 'link', 'video', 'status', 'nutrition_info', 'certificates', 'follow_fb', 'social_networks'];
const INTS = [
  'total_scans', 'total_days_with_scans', 'total_days_without_scans', 'total_active_days_ratio', 'total_inactive_days_ratio',
  'total_buddies', 'total_cashout_transactions', 'total_linked_bank_accounts', 'total_erc20_accounts', 'total_erc20_transactions',
  'total_scans_with_uncollected_coins', ...W.map((w) => `total_timeline_widget_${w}`), 'total_timeline_scans', 'total_timeline_reviews',
  'total_timeline_minutes', ...W.map((w) => `system_rewarded_widget_${w}`), ...W.map((w) => `brand_rewarded_widget_${w}`),
  'total_buddies_invitations_sent', 'total_buddies_received_invitations_accepted', 'total_buddies_invitations_accepted',
  'total_reviews_accepted', 'total_reviews_deleted', 'total_reviews_rejected', 'total_reviews_pending',
];
const FLOATS = ['total_avearage_scans_per_active_day', 'total_cashout_value_usd', 'total_cashout_value_aud', 'total_cashout_value_sgd', 'total_cashout_value_rub'];
const COINS = ['total_balance', 'account_balance', 'total_cashout_value_shping', 'total_erc20_value_shping', 'total_uncollected_coins'];

/** Merged accounts, pending participants, and the users admin read model (statistics other services own). */
export class AccountLifecycleTables1767400000000 implements MigrationInterface {
  name = 'AccountLifecycleTables1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity.merged_accounts (
        secondary_user_id text PRIMARY KEY REFERENCES identity.users(id) ON DELETE CASCADE,
        primary_user_id text NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        secondary_reg_type text NOT NULL,
        merge_started_at timestamptz NOT NULL DEFAULT now(),
        merge_ended_at timestamptz,
        CHECK (secondary_user_id <> primary_user_id)
      )`);
    await q.query(`CREATE INDEX merged_accounts_primary ON identity.merged_accounts (primary_user_id)`);

    await q.query(`
      CREATE TABLE identity.pending_participants (
        user_id text PRIMARY KEY REFERENCES identity.users(id) ON DELETE CASCADE,
        code uuid NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
        details jsonb NOT NULL DEFAULT '{}',
        reason text,
        participant_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
    await q.query(`CREATE INDEX pending_participants_participant ON identity.pending_participants (participant_id) WHERE participant_id IS NOT NULL`);

    const columns = [
      ...INTS.map((c) => `${c} integer NOT NULL DEFAULT 0`),
      ...FLOATS.map((c) => `${c} double precision NOT NULL DEFAULT 0`),
      ...COINS.map((c) => `${c} numeric(78,0) NOT NULL DEFAULT 0`),
    ];
    await q.query(`
      CREATE TABLE identity.user_stats (
        user_id text PRIMARY KEY REFERENCES identity.users(id) ON DELETE CASCADE,
        level text NOT NULL DEFAULT 'basic',
        contributor_status text NOT NULL DEFAULT 'newbie',
        rewards_ban_status text NOT NULL DEFAULT 'inactive',
        rewards_ban_from timestamptz,
        rewards_ban_to timestamptz,
        last_access timestamptz,
        ${columns.join(',\n        ')}
      )`);
    await q.query(`
      CREATE TABLE identity.user_stat_days (
        metric text NOT NULL,
        day date NOT NULL,
        user_id text NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
        value integer NOT NULL DEFAULT 0,
        PRIMARY KEY (metric, day, user_id)
      )`);
    await q.query(`CREATE INDEX user_stat_days_user ON identity.user_stat_days (user_id)`);

    // Every user has a stats row, so the admin search is an inner join that can use either side's indexes.
    await q.query(`
      CREATE FUNCTION identity.create_user_stats() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO identity.user_stats (user_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER users_create_stats AFTER INSERT ON identity.users FOR EACH ROW EXECUTE FUNCTION identity.create_user_stats()`);
    await q.query(`INSERT INTO identity.user_stats (user_id) SELECT id FROM identity.users ON CONFLICT DO NOTHING`);

    // Users admin search: substring filters (trigram), typical sorts and ranges.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const c of ['email', 'phone', 'first_name', 'last_name', 'city']) {
      await q.query(`CREATE INDEX users_${c}_trgm ON identity.users USING gin (${c} gin_trgm_ops)`);
    }
    for (const c of ['created_at', 'first_name', 'last_name', 'country', 'reg_type']) {
      await q.query(`CREATE INDEX users_${c}_sort ON identity.users (${c}, id)`);
    }
    for (const c of ['last_access', 'total_balance', 'total_scans', 'level']) {
      await q.query(`CREATE INDEX user_stats_${c} ON identity.user_stats (${c}, user_id)`);
    }
    await q.query(`CREATE INDEX users_blocked ON identity.users (blocked_at) WHERE blocked_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_create_stats ON identity.users`);
    await q.query(`DROP FUNCTION identity.create_user_stats()`);
    for (const c of ['email', 'phone', 'first_name', 'last_name', 'city']) await q.query(`DROP INDEX identity.users_${c}_trgm`);
    for (const c of ['created_at', 'first_name', 'last_name', 'country', 'reg_type']) await q.query(`DROP INDEX identity.users_${c}_sort`);
    await q.query(`DROP INDEX identity.users_blocked`);
    await q.query(`DROP TABLE identity.user_stat_days`);
    await q.query(`DROP TABLE identity.user_stats`);
    await q.query(`DROP TABLE identity.pending_participants`);
    await q.query(`DROP TABLE identity.merged_accounts`);
  }
}

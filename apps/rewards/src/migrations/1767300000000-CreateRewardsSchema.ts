import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of the rewards service. Coins are numeric(78,0) (18-decimal integers). */
export class CreateRewardsSchema1767300000000 implements MigrationInterface {
  name = 'CreateRewardsSchema1767300000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE SCHEMA IF NOT EXISTS rewards`,
      `CREATE TABLE rewards.users (
        user_id text PRIMARY KEY,
        level text NOT NULL DEFAULT 'basic',
        level_type text NOT NULL DEFAULT 'earned',
        previous_level text,
        level_changed_at timestamptz,
        level_period text,
        boost_level text,
        boost_base_level text,
        boost_end timestamptz,
        timezone_min int NOT NULL DEFAULT 0,
        registered_at timestamptz NOT NULL DEFAULT now(),
        last_scan_at timestamptz,
        last_scan_id uuid,
        first_name text, last_name text, photo text
      )`,
      `CREATE TABLE rewards.balances (
        user_id text PRIMARY KEY,
        coins numeric(78,0) NOT NULL DEFAULT 0 CHECK (coins >= 0),
        pending_coins numeric(78,0) NOT NULL DEFAULT 0 CHECK (pending_coins >= 0)
      )`,
      `CREATE TABLE rewards.ledger_entries (
        id bigserial PRIMARY KEY,
        user_id text NOT NULL,
        kind text NOT NULL,
        coins_delta numeric(78,0) NOT NULL DEFAULT 0,
        pending_delta numeric(78,0) NOT NULL DEFAULT 0,
        ref text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX ledger_entries_user ON rewards.ledger_entries (user_id)`,
      `CREATE FUNCTION rewards.ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'rewards.ledger_entries is append-only'; END $$`,
      `CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON rewards.ledger_entries
        FOR EACH ROW EXECUTE FUNCTION rewards.ledger_append_only()`,
      `CREATE TABLE rewards.processed_inputs (
        idempotency_key text PRIMARY KEY,
        kind text NOT NULL,
        result jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE rewards.campaigns (
        id text PRIMARY KEY, name text NOT NULL, coin_rate int NOT NULL DEFAULT 1, active boolean NOT NULL DEFAULT true
      )`,
      `CREATE TABLE rewards.scans (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        code text NOT NULL,
        product_id text,
        product_name text,
        image_url text,
        event_ts timestamptz NOT NULL,
        record jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX scans_user_ts ON rewards.scans (user_id, event_ts)`,
      `CREATE TABLE rewards.claims (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        campaign_id text NOT NULL,
        scan_id uuid,
        ref text,
        event text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','approved','rejected')),
        coins numeric(78,0) NOT NULL CHECK (coins >= 0),
        level text NOT NULL,
        coin_rate int NOT NULL,
        user_coin_rate int NOT NULL,
        ts timestamptz NOT NULL,
        decided_at timestamptz
      )`,
      `CREATE INDEX claims_user_ts ON rewards.claims (user_id, ts)`,
      `CREATE INDEX claims_ref ON rewards.claims (event, ref)`,
      `CREATE TABLE rewards.contributions (
        kind text NOT NULL, ref text NOT NULL, user_id text NOT NULL, status text NOT NULL,
        ts timestamptz NOT NULL, PRIMARY KEY (kind, ref)
      )`,
      `CREATE INDEX contributions_user ON rewards.contributions (user_id, ts)`,
      `CREATE TABLE rewards.buddy_invitations (
        id text PRIMARY KEY, user_id text NOT NULL, sent_at timestamptz NOT NULL, accepted_by text, accepted_at timestamptz
      )`,
      `CREATE INDEX buddy_invitations_user ON rewards.buddy_invitations (user_id)`,
      `CREATE TABLE rewards.buddies (
        user_id text NOT NULL, buddy_id text NOT NULL, status text, ts timestamptz NOT NULL, PRIMARY KEY (user_id, buddy_id)
      )`,
      `CREATE TABLE rewards.timeline (
        id uuid PRIMARY KEY, seq bigserial NOT NULL, user_id text NOT NULL, record jsonb NOT NULL, ts timestamptz NOT NULL
      )`,
      `CREATE INDEX timeline_user_seq ON rewards.timeline (user_id, seq)`,
      `CREATE TABLE rewards.transactions (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        type text NOT NULL CHECK (type IN ('deposit','cashout','erc20')),
        status text NOT NULL,
        coins numeric(78,0) NOT NULL CHECK (coins > 0),
        fee numeric(78,0) NOT NULL DEFAULT 0 CHECK (fee >= 0),
        hash text,
        profile_coins numeric(78,0),
        details jsonb NOT NULL DEFAULT '{}',
        ts timestamptz NOT NULL,
        refunded_at timestamptz
      )`,
      `CREATE INDEX transactions_user ON rewards.transactions (user_id, ts)`,
      `CREATE TABLE rewards.bans (
        id bigserial PRIMARY KEY, user_id text NOT NULL, rule_id text NOT NULL, reason text NOT NULL,
        from_ts timestamptz NOT NULL, to_ts timestamptz NOT NULL, data jsonb, unset_at timestamptz
      )`,
      `CREATE INDEX bans_user ON rewards.bans (user_id, to_ts)`,
      `CREATE TABLE rewards.widget_views (id bigserial PRIMARY KEY, user_id text NOT NULL, widget text NOT NULL, ts timestamptz NOT NULL)`,
      `CREATE TABLE rewards.level_definitions (type text PRIMARY KEY, position int NOT NULL UNIQUE, definition jsonb NOT NULL)`,
      `CREATE TABLE rewards.contributor_levels (type text PRIMARY KEY, position int NOT NULL UNIQUE, definition jsonb NOT NULL)`,
      `CREATE TABLE rewards.reminder_rules (id text PRIMARY KEY, position int NOT NULL, rule jsonb NOT NULL)`,
      `CREATE TABLE rewards.ban_rules (id text PRIMARY KEY, rule jsonb NOT NULL)`,
      `CREATE TABLE rewards.reminders_sent (id bigserial PRIMARY KEY, user_id text NOT NULL, reminder text NOT NULL, ts timestamptz NOT NULL)`,
      `CREATE INDEX reminders_sent_user ON rewards.reminders_sent (user_id, reminder)`,
      `CREATE TABLE rewards.outbox (
        id bigserial PRIMARY KEY, channel text NOT NULL, user_id text NOT NULL, payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz
      )`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP SCHEMA rewards CASCADE');
  }
}

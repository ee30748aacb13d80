import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen copies of the lists at the time of this migration (users-admin/user-stat-columns.ts may grow).
const W = ['popup', 'text', 'image', 'link', 'video', 'status', 'nutrition_info', 'certificates', 'follow_fb', 'social_networks'];
const DAILY = [
  'total_buddies_invitations_sent', 'total_buddies_received_invitations_accepted', 'total_buddies_invitations_accepted',
  'total_reviews_accepted', 'total_reviews_deleted', 'total_reviews_rejected', 'total_reviews_pending',
];
const REWARDED = [...W.map((w) => `system_rewarded_widget_${w}`), ...W.map((w) => `brand_rewarded_widget_${w}`)];
const INTS = [
  'total_scans', 'total_days_with_scans', 'total_buddies', 'total_cashout_transactions', 'total_linked_bank_accounts', 'total_erc20_accounts',
  'total_erc20_transactions', 'total_scans_with_uncollected_coins', ...W.map((w) => `total_timeline_widget_${w}`),
  'total_timeline_scans', 'total_timeline_reviews', 'total_timeline_minutes', ...REWARDED, ...DAILY,
];
const FLOATS = ['total_cashout_value_usd', 'total_cashout_value_aud', 'total_cashout_value_sgd', 'total_cashout_value_rub'];
const COINS = ['total_balance', 'account_balance', 'total_cashout_value_shping', 'total_erc20_value_shping', 'total_uncollected_coins'];
const PARTS = ['coins', 'scans', 'cashouts', 'buddies', 'widgets', 'level', 'ban', 'reviews', 'invitations'];
/** Day metrics and their codes (user_search_days.metric). */
const DAY_METRICS = [...DAILY, ...REWARDED];
const SHARDS = 16;

/**
 * The users admin read model as one search table, `user_search`: a row per user with an integer
 * key, the profile columns the filters and orders of users/get read, devices and linked
 * registration types as bit masks, and every statistic other services own (written by the
 * `user.stats` events, one version per part). Identity's own data reaches it through triggers in
 * the same transaction as the change (users, devices, merged_accounts), so it cannot drift from
 * them. Substring filters on names and cities go through a dictionary of distinct values
 * (`search_terms`, trigram-indexed); date_and_quantity metrics keep their days per user and a
 * per-user span (first day, last day, total), so a date range is counted without summing the
 * users whose whole activity lies inside it. The unfiltered count is kept in 16 counter shards.
 * Replaces user_stats / user_stat_days and the admin indexes on users.
 */
export class UsersAdminSearch1767400000020 implements MigrationInterface {
  name = 'UsersAdminSearch1767400000020';

  async up(q: QueryRunner): Promise<void> {
    await this.tables(q);
    await this.functions(q);
    await this.backfill(q);
    await this.indexes(q);
    await this.triggers(q);
    await q.query('DROP TRIGGER users_create_stats ON identity.users');
    await q.query('DROP FUNCTION identity.create_user_stats()');
    await q.query('DROP TABLE identity.user_stat_days');
    await q.query('DROP TABLE identity.user_stats');
    for (const c of ['email', 'phone', 'first_name', 'last_name', 'city']) await q.query(`DROP INDEX identity.users_${c}_trgm`);
    for (const c of ['created_at', 'first_name', 'last_name', 'country', 'reg_type']) await q.query(`DROP INDEX identity.users_${c}_sort`);
    await q.query('DROP INDEX identity.users_blocked');
  }

  private async tables(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity.search_terms (
        id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        field text NOT NULL CHECK (field IN ('first_name', 'last_name', 'city')),
        value text NOT NULL,
        UNIQUE (field, value)
      )`);
    const stats = [
      ...INTS.map((c) => `${c} integer NOT NULL DEFAULT 0`),
      ...FLOATS.map((c) => `${c} double precision NOT NULL DEFAULT 0`),
      ...COINS.map((c) => `${c} numeric(78,0) NOT NULL DEFAULT 0`),
      ...PARTS.map((p) => `v_${p} bigint NOT NULL DEFAULT 0`),
    ];
    await q.query(`
      CREATE TABLE identity.user_search (
        uid int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id text NOT NULL UNIQUE REFERENCES identity.users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        reg_type text NOT NULL,
        email text, phone text, first_name text, last_name text, language text, country text, city text, gender text,
        first_name_term int, last_name_term int, city_term int,
        blocked boolean NOT NULL DEFAULT false,
        devices smallint NOT NULL DEFAULT 0,
        linked smallint NOT NULL DEFAULT 0,
        level text NOT NULL DEFAULT 'basic',
        contributor_status text NOT NULL DEFAULT 'newbie',
        rewards_ban_from timestamptz, rewards_ban_to timestamptz, last_access timestamptz,
        ${stats.join(',\n        ')}
      )`);
    await q.query('CREATE TABLE identity.user_search_count (shard smallint PRIMARY KEY, n bigint NOT NULL DEFAULT 0)');
    await q.query(`INSERT INTO identity.user_search_count (shard) SELECT generate_series(0, ${SHARDS - 1})`);
    await q.query('CREATE TABLE identity.day_metrics (id smallint PRIMARY KEY, name text NOT NULL UNIQUE)');
    await q.query('INSERT INTO identity.day_metrics (id, name) SELECT i, m FROM unnest($1::text[]) WITH ORDINALITY AS t(m, i)', [DAY_METRICS]);
    await q.query(`
      CREATE TABLE identity.user_search_days (
        metric smallint NOT NULL REFERENCES identity.day_metrics(id),
        uid int NOT NULL REFERENCES identity.user_search(uid) ON DELETE CASCADE,
        day date NOT NULL,
        value int NOT NULL CHECK (value > 0),
        PRIMARY KEY (metric, uid, day) INCLUDE (value)
      )`);
    await q.query(`
      CREATE TABLE identity.user_search_spans (
        metric smallint NOT NULL,
        uid int NOT NULL REFERENCES identity.user_search(uid) ON DELETE CASCADE,
        first_day date NOT NULL, last_day date NOT NULL, total int NOT NULL,
        PRIMARY KEY (metric, uid)
      )`);
  }

  private async indexes(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX search_terms_trgm ON identity.search_terms USING gin (value gin_trgm_ops)');
    for (const c of ['email', 'phone']) await q.query(`CREATE INDEX user_search_${c}_trgm ON identity.user_search USING gin (${c} gin_trgm_ops)`);
    // Orders (and ranges on the same column); the uid breaks ties.
    for (const c of ['created_at', 'first_name', 'last_name', 'email', 'last_access', 'total_balance', 'total_scans']) {
      await q.query(`CREATE INDEX user_search_${c} ON identity.user_search (${c}, uid)`);
    }
    // Equality filters on few distinct values: single-column btrees deduplicate into small indexes.
    for (const c of ['level', 'devices', 'linked', 'first_name_term', 'last_name_term', 'city_term']) {
      await q.query(`CREATE INDEX user_search_${c} ON identity.user_search (${c})`);
    }
    // Any subset of these three (skip scan on PostgreSQL 18).
    await q.query('CREATE INDEX user_search_people ON identity.user_search (gender, language, country)');
    await q.query('CREATE INDEX user_search_blocked ON identity.user_search (created_at, uid) WHERE blocked');
    await q.query('CREATE INDEX user_search_spans_first ON identity.user_search_spans (metric, first_day) INCLUDE (last_day, total, uid)');
    await q.query('CREATE INDEX user_search_spans_last ON identity.user_search_spans (metric, last_day) INCLUDE (first_day, total, uid)');
    await q.query('CREATE INDEX user_search_days_uid ON identity.user_search_days (uid)');
  }

  private async functions(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION identity.reg_type_bit(reg_type text) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE reg_type WHEN 'email' THEN 1 WHEN 'phone' THEN 2 WHEN 'facebook' THEN 4 WHEN 'google' THEN 8
          WHEN 'twitter' THEN 16 WHEN 'instagram' THEN 32 WHEN 'vk' THEN 64 WHEN 'wechat' THEN 128 ELSE 0 END::smallint $$`);
    await q.query(`
      CREATE FUNCTION identity.device_mask(user_id text) RETURNS smallint LANGUAGE sql STABLE AS $$
        SELECT coalesce(bit_or(CASE d.type WHEN 'apns' THEN 1 WHEN 'apns_sandbox' THEN 1 WHEN 'gcm' THEN 2 WHEN 'baidu' THEN 4 ELSE 0 END), 0)::smallint
        FROM identity.devices d WHERE d.user_id = $1 $$`);
    await q.query(`
      CREATE FUNCTION identity.linked_mask(user_id text) RETURNS smallint LANGUAGE sql STABLE AS $$
        SELECT (identity.reg_type_bit((SELECT u.reg_type FROM identity.users u WHERE u.id = $1))
          | coalesce((SELECT bit_or(identity.reg_type_bit(m.secondary_reg_type)) FROM identity.merged_accounts m WHERE m.primary_user_id = $1), 0))::smallint $$`);
    await q.query(`
      CREATE FUNCTION identity.search_term(field text, value text) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE found int;
      BEGIN
        IF value IS NULL THEN RETURN NULL; END IF;
        SELECT t.id INTO found FROM identity.search_terms t WHERE t.field = $1 AND t.value = $2;
        IF found IS NULL THEN
          INSERT INTO identity.search_terms (field, value) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id INTO found;
          IF found IS NULL THEN SELECT t.id INTO found FROM identity.search_terms t WHERE t.field = $1 AND t.value = $2; END IF;
        END IF;
        RETURN found;
      END $$`);
  }

  private async triggers(q: QueryRunner): Promise<void> {
    // New users (set-based: one statement may create many).
    await q.query(`
      CREATE FUNCTION identity.user_search_users_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO identity.search_terms (field, value)
          SELECT DISTINCT t.field, t.value FROM added a
          CROSS JOIN LATERAL (VALUES ('first_name', a.first_name), ('last_name', a.last_name), ('city', a.city)) AS t(field, value)
          WHERE t.value IS NOT NULL ORDER BY 1, 2 ON CONFLICT DO NOTHING;
        INSERT INTO identity.user_search (user_id, created_at, reg_type, email, phone, first_name, last_name, language, country, city, gender,
            first_name_term, last_name_term, city_term, blocked, linked)
          SELECT a.id, a.created_at, a.reg_type, a.email, a.phone, a.first_name, a.last_name, a.language, a.country, a.city, a.gender,
            fn.id, ln.id, ct.id, a.blocked_at IS NOT NULL, identity.reg_type_bit(a.reg_type)
          FROM added a
          LEFT JOIN identity.search_terms fn ON fn.field = 'first_name' AND fn.value = a.first_name
          LEFT JOIN identity.search_terms ln ON ln.field = 'last_name' AND ln.value = a.last_name
          LEFT JOIN identity.search_terms ct ON ct.field = 'city' AND ct.value = a.city
          ORDER BY a.created_at, a.id
          ON CONFLICT (user_id) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER user_search_users_added AFTER INSERT ON identity.users REFERENCING NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION identity.user_search_users_added()`);

    // A changed profile column (row by row: profiles change one at a time).
    await q.query(`
      CREATE FUNCTION identity.user_search_users_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE identity.user_search SET created_at = NEW.created_at, reg_type = NEW.reg_type, email = NEW.email, phone = NEW.phone,
          first_name = NEW.first_name, last_name = NEW.last_name, language = NEW.language, country = NEW.country, city = NEW.city, gender = NEW.gender,
          first_name_term = identity.search_term('first_name', NEW.first_name), last_name_term = identity.search_term('last_name', NEW.last_name),
          city_term = identity.search_term('city', NEW.city), blocked = NEW.blocked_at IS NOT NULL, linked = identity.linked_mask(NEW.id)
        WHERE user_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER user_search_users_changed AFTER UPDATE ON identity.users FOR EACH ROW
      WHEN ((OLD.created_at, OLD.reg_type, OLD.email, OLD.phone, OLD.first_name, OLD.last_name, OLD.language, OLD.country, OLD.city, OLD.gender, OLD.blocked_at IS NULL)
        IS DISTINCT FROM (NEW.created_at, NEW.reg_type, NEW.email, NEW.phone, NEW.first_name, NEW.last_name, NEW.language, NEW.country, NEW.city, NEW.gender, NEW.blocked_at IS NULL))
      EXECUTE FUNCTION identity.user_search_users_changed()`);

    // Devices and merges: recompute the masks of the users a statement touched.
    for (const [table, mask, userColumn] of [['devices', 'devices', 'user_id'], ['merged_accounts', 'linked', 'primary_user_id']] as const) {
      const fn = mask === 'devices' ? 'identity.device_mask' : 'identity.linked_mask';
      await q.query(`
        CREATE FUNCTION identity.user_search_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('INSERT', 'UPDATE') THEN
            UPDATE identity.user_search x SET ${mask} = ${fn}(x.user_id) FROM (SELECT DISTINCT ${userColumn} AS id FROM rows_new ORDER BY 1) c WHERE x.user_id = c.id;
          END IF;
          IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE identity.user_search x SET ${mask} = ${fn}(x.user_id) FROM (SELECT DISTINCT ${userColumn} AS id FROM rows_old ORDER BY 1) c WHERE x.user_id = c.id;
          END IF;
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER user_search_${table}_added AFTER INSERT ON identity.${table} REFERENCING NEW TABLE AS rows_new
        FOR EACH STATEMENT EXECUTE FUNCTION identity.user_search_${table}()`);
      await q.query(`CREATE TRIGGER user_search_${table}_changed AFTER UPDATE ON identity.${table} REFERENCING NEW TABLE AS rows_new OLD TABLE AS rows_old
        FOR EACH STATEMENT EXECUTE FUNCTION identity.user_search_${table}()`);
      await q.query(`CREATE TRIGGER user_search_${table}_removed AFTER DELETE ON identity.${table} REFERENCING OLD TABLE AS rows_old
        FOR EACH STATEMENT EXECUTE FUNCTION identity.user_search_${table}()`);
    }

    // The unfiltered count, in shards so that concurrent sign-ups rarely wait for each other.
    await q.query(`
      CREATE FUNCTION identity.user_search_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE identity.user_search_count c SET n = c.n + a.n FROM (SELECT uid % ${SHARDS} AS shard, count(*) AS n FROM rows_new GROUP BY 1) a WHERE c.shard = a.shard;
        ELSE
          UPDATE identity.user_search_count c SET n = c.n - a.n FROM (SELECT uid % ${SHARDS} AS shard, count(*) AS n FROM rows_old GROUP BY 1) a WHERE c.shard = a.shard;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER user_search_count_added AFTER INSERT ON identity.user_search REFERENCING NEW TABLE AS rows_new
      FOR EACH STATEMENT EXECUTE FUNCTION identity.user_search_count()`);
    await q.query(`CREATE TRIGGER user_search_count_removed AFTER DELETE ON identity.user_search REFERENCING OLD TABLE AS rows_old
      FOR EACH STATEMENT EXECUTE FUNCTION identity.user_search_count()`);

    // The span (first day, last day, total) of every (metric, user) whose days a statement touched.
    for (const [op, rows] of [['INSERT', 'rows_new'], ['DELETE', 'rows_old']] as const) {
      const name = op === 'INSERT' ? 'added' : 'removed';
      await q.query(`
        CREATE FUNCTION identity.user_search_spans_${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          WITH t AS (SELECT DISTINCT metric, uid FROM ${rows}),
          agg AS (
            SELECT d.metric, d.uid, min(d.day) AS first_day, max(d.day) AS last_day, sum(d.value)::int AS total
            FROM identity.user_search_days d JOIN t ON d.metric = t.metric AND d.uid = t.uid GROUP BY d.metric, d.uid
          ),
          gone AS (
            DELETE FROM identity.user_search_spans s USING t
            WHERE s.metric = t.metric AND s.uid = t.uid AND NOT EXISTS (SELECT 1 FROM agg WHERE agg.metric = t.metric AND agg.uid = t.uid)
          )
          INSERT INTO identity.user_search_spans (metric, uid, first_day, last_day, total)
            SELECT metric, uid, first_day, last_day, total FROM agg ORDER BY metric, uid
          ON CONFLICT (metric, uid) DO UPDATE SET first_day = EXCLUDED.first_day, last_day = EXCLUDED.last_day, total = EXCLUDED.total;
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER user_search_spans_${name} AFTER ${op} ON identity.user_search_days
        REFERENCING ${op === 'INSERT' ? 'NEW' : 'OLD'} TABLE AS ${rows} FOR EACH STATEMENT EXECUTE FUNCTION identity.user_search_spans_${name}()`);
    }
  }

  /** What the old read model held moves over (versions 0: the next snapshot of each part replaces it). */
  private async backfill(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO identity.search_terms (field, value)
      SELECT DISTINCT t.field, t.value FROM identity.users u
      CROSS JOIN LATERAL (VALUES ('first_name', u.first_name), ('last_name', u.last_name), ('city', u.city)) AS t(field, value)
      WHERE t.value IS NOT NULL ORDER BY 1, 2`);
    const copied = ['level', 'contributor_status', 'rewards_ban_from', 'rewards_ban_to', 'last_access', ...INTS, ...FLOATS, ...COINS];
    await q.query(`
      INSERT INTO identity.user_search (user_id, created_at, reg_type, email, phone, first_name, last_name, language, country, city, gender,
          first_name_term, last_name_term, city_term, blocked, devices, linked, ${copied.join(', ')})
        SELECT u.id, u.created_at, u.reg_type, u.email, u.phone, u.first_name, u.last_name, u.language, u.country, u.city, u.gender,
          fn.id, ln.id, ct.id, u.blocked_at IS NOT NULL, coalesce(dm.mask, 0), identity.reg_type_bit(u.reg_type) | coalesce(lm.mask, 0),
          ${copied.map(defaultFor).join(', ')}
        FROM identity.users u
        LEFT JOIN identity.user_stats s ON s.user_id = u.id
        LEFT JOIN identity.search_terms fn ON fn.field = 'first_name' AND fn.value = u.first_name
        LEFT JOIN identity.search_terms ln ON ln.field = 'last_name' AND ln.value = u.last_name
        LEFT JOIN identity.search_terms ct ON ct.field = 'city' AND ct.value = u.city
        LEFT JOIN (SELECT d.user_id, bit_or(CASE d.type WHEN 'apns' THEN 1 WHEN 'apns_sandbox' THEN 1 WHEN 'gcm' THEN 2 WHEN 'baidu' THEN 4 ELSE 0 END) AS mask
          FROM identity.devices d GROUP BY d.user_id) dm ON dm.user_id = u.id
        LEFT JOIN (SELECT m.primary_user_id, bit_or(identity.reg_type_bit(m.secondary_reg_type)) AS mask
          FROM identity.merged_accounts m GROUP BY m.primary_user_id) lm ON lm.primary_user_id = u.id
        ORDER BY u.created_at, u.id`);
    await q.query(`UPDATE identity.user_search_count c SET n = s.n FROM (SELECT uid % ${SHARDS} AS shard, count(*) AS n FROM identity.user_search GROUP BY 1) s
      WHERE c.shard = s.shard`);
    await q.query(`
      INSERT INTO identity.user_search_days (metric, uid, day, value)
        SELECT m.id, x.uid, d.day, d.value FROM identity.user_stat_days d
        JOIN identity.day_metrics m ON m.name = d.metric JOIN identity.user_search x ON x.user_id = d.user_id
        WHERE d.value > 0`);
    await q.query(`INSERT INTO identity.user_search_spans (metric, uid, first_day, last_day, total)
      SELECT metric, uid, min(day), max(day), sum(value) FROM identity.user_search_days GROUP BY metric, uid`);
  }

  async down(q: QueryRunner): Promise<void> {
    const columns = [
      ...[...INTS, 'total_days_without_scans', 'total_active_days_ratio', 'total_inactive_days_ratio'].map((c) => `${c} integer NOT NULL DEFAULT 0`),
      ...[...FLOATS, 'total_avearage_scans_per_active_day'].map((c) => `${c} double precision NOT NULL DEFAULT 0`),
      ...COINS.map((c) => `${c} numeric(78,0) NOT NULL DEFAULT 0`),
    ];
    await q.query(`CREATE TABLE identity.user_stats (user_id text PRIMARY KEY REFERENCES identity.users(id) ON DELETE CASCADE,
      level text NOT NULL DEFAULT 'basic', contributor_status text NOT NULL DEFAULT 'newbie', rewards_ban_status text NOT NULL DEFAULT 'inactive',
      rewards_ban_from timestamptz, rewards_ban_to timestamptz, last_access timestamptz, ${columns.join(', ')})`);
    await q.query(`CREATE TABLE identity.user_stat_days (metric text NOT NULL, day date NOT NULL,
      user_id text NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE, value integer NOT NULL DEFAULT 0, PRIMARY KEY (metric, day, user_id))`);
    await q.query('CREATE INDEX user_stat_days_user ON identity.user_stat_days (user_id)');
    await q.query(`CREATE FUNCTION identity.create_user_stats() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO identity.user_stats (user_id) VALUES (NEW.id) ON CONFLICT DO NOTHING; RETURN NEW; END $$`);
    await q.query('CREATE TRIGGER users_create_stats AFTER INSERT ON identity.users FOR EACH ROW EXECUTE FUNCTION identity.create_user_stats()');
    const copied = ['level', 'contributor_status', 'rewards_ban_from', 'rewards_ban_to', 'last_access', ...INTS, ...FLOATS, ...COINS];
    await q.query(`INSERT INTO identity.user_stats (user_id, ${copied.join(', ')}) SELECT user_id, ${copied.join(', ')} FROM identity.user_search`);
    await q.query(`INSERT INTO identity.user_stat_days (metric, day, user_id, value)
      SELECT m.name, d.day, x.user_id, d.value FROM identity.user_search_days d JOIN identity.day_metrics m ON m.id = d.metric JOIN identity.user_search x ON x.uid = d.uid`);
    for (const c of ['email', 'phone', 'first_name', 'last_name', 'city']) await q.query(`CREATE INDEX users_${c}_trgm ON identity.users USING gin (${c} gin_trgm_ops)`);
    for (const c of ['created_at', 'first_name', 'last_name', 'country', 'reg_type']) await q.query(`CREATE INDEX users_${c}_sort ON identity.users (${c}, id)`);
    await q.query('CREATE INDEX users_blocked ON identity.users (blocked_at) WHERE blocked_at IS NOT NULL');
    await q.query('DROP TABLE identity.user_search_spans, identity.user_search_days, identity.day_metrics, identity.user_search_count, identity.user_search, identity.search_terms');
    for (const fn of ['user_search_spans_added', 'user_search_spans_removed', 'user_search_count', 'user_search_devices', 'user_search_merged_accounts', 'user_search_users_changed', 'user_search_users_added']) {
      await q.query(`DROP FUNCTION identity.${fn}() CASCADE`);
    }
    await q.query('DROP FUNCTION identity.search_term(text, text), identity.linked_mask(text), identity.device_mask(text), identity.reg_type_bit(text)');
  }
}

/** The old table's value, or the column's default for users it had no row for. */
function defaultFor(column: string): string {
  if (column === 'level') return `coalesce(s.level, 'basic')`;
  if (column === 'contributor_status') return `coalesce(s.contributor_status, 'newbie')`;
  if (['rewards_ban_from', 'rewards_ban_to', 'last_access'].includes(column)) return `s.${column}`;
  return `coalesce(s.${column}, 0)`;
}

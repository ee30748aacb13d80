import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  INVITATION_DAY_METRICS, REVIEW_DAY_METRICS, TIMELINE_WIDGETS, type DaySeries, type UserStatsPart, type UserStatsValues,
} from '#libs/contracts';
import { type Queryable, SqlRepository } from '../common/sql-repository.js';

type Query = Queryable;
type Rows<T> = Promise<(T & { user_id: string })[]>;

/** Widget views as identity's columns: the ten widgets, then the timeline's scans, reviews and minutes. */
const WIDGET_COLUMN: Record<string, string> = {
  ...Object.fromEntries(TIMELINE_WIDGETS.map((w) => [w, `total_timeline_widget_${w}`])),
  scans: 'total_timeline_scans', reviews: 'total_timeline_reviews', minutes: 'total_timeline_minutes',
};

/** The tables behind identity's users admin statistics, read per part for a batch of users. */
@Injectable()
export class UserStatsRepository extends SqlRepository {
  /** Locks the users' stats (transaction advisory locks, in one fixed order), then takes the next version. */
  lockAndVersion(m: Queryable, userIds: string[]): Promise<string> {
    return lockAndVersion(m, userIds);
  }

  /** One part's values of each user. */
  read<P extends UserStatsPart>(m: Queryable, part: P, userIds: string[]): Promise<Map<string, UserStatsValues[P]>> {
    return READERS[part](m, userIds);
  }
}

/** Locks in one fixed order (no lock cycles between concurrent snapshots), then the version. */
async function lockAndVersion(m: Query, userIds: string[]): Promise<string> {
  const keys = [...new Set(userIds.map(lockKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await m.query('SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k', [keys.map(String)]);
  const [{ version }] = await m.query(`SELECT nextval('rewards.user_stats_version')::text AS version`) as { version: string }[];
  return version;
}

function lockKey(userId: string): bigint {
  return createHash('sha256').update(`user-stats:${userId}`).digest().readBigInt64BE(0);
}

// Per-user LATERAL look-ups (LIMIT 1 keeps them from being flattened into joins): a batch reads its
// users' rows by index, never a whole table, whatever the planner's row estimates say.
const READERS: { [P in UserStatsPart]: (m: Query, ids: string[]) => Promise<Map<string, UserStatsValues[P]>> } = {
  async coins(m, ids) {
    const rows = await m.query(`
      SELECT q.user_id, coalesce(b.coins, 0)::text AS coins, coalesce(b.pending_coins, 0)::text AS pending,
        (SELECT count(DISTINCT c.scan_id)::int FROM rewards.claims c
          WHERE c.user_id = q.user_id AND c.status = 'pending' AND c.coins > 0 AND c.scan_id IS NOT NULL) AS pending_scans
      FROM unnest($1::text[]) AS q(user_id)
      LEFT JOIN LATERAL (SELECT coins, pending_coins FROM rewards.balances WHERE user_id = q.user_id LIMIT 1) b ON true`, [ids]) as Awaited<Rows<{ coins: string; pending: string; pending_scans: number }>>;
    return byUser(rows, (r) => ({ total_balance: r.coins, account_balance: r.coins, total_uncollected_coins: r.pending, total_scans_with_uncollected_coins: r.pending_scans }));
  },

  async scans(m, ids) {
    const rows = await m.query(`
      SELECT q.user_id, s.scans, s.days
      FROM unnest($1::text[]) AS q(user_id)
      LEFT JOIN LATERAL (SELECT timezone_min FROM rewards.users WHERE user_id = q.user_id LIMIT 1) u ON true
      CROSS JOIN LATERAL (SELECT count(*)::int AS scans,
          count(DISTINCT ((x.event_ts AT TIME ZONE 'UTC') + make_interval(mins => coalesce(u.timezone_min, 0)))::date)::int AS days
        FROM rewards.scans x WHERE x.user_id = q.user_id) s`, [ids]) as Awaited<Rows<{ scans: number; days: number }>>;
    return byUser(rows, (r) => ({ total_scans: r.scans, total_days_with_scans: r.days }));
  },

  async cashouts(m, ids) {
    const rows = await m.query(`
      SELECT q.user_id,
        count(t.id) FILTER (WHERE t.type = 'cashout')::int AS cashouts,
        coalesce(sum(t.coins) FILTER (WHERE t.type = 'cashout'), 0)::text AS cashout_coins,
        count(DISTINCT t.details->'account'->>'id') FILTER (WHERE t.type = 'cashout')::int AS bank_accounts,
        coalesce(sum((t.details->>'converted_usd_value')::float8) FILTER (WHERE t.type = 'cashout'), 0) AS usd,
        coalesce(sum((t.details->>'converted_value')::float8) FILTER (WHERE t.type = 'cashout' AND lower(t.details->>'currency') = 'aud'), 0) AS aud,
        coalesce(sum((t.details->>'converted_value')::float8) FILTER (WHERE t.type = 'cashout' AND lower(t.details->>'currency') = 'sgd'), 0) AS sgd,
        coalesce(sum((t.details->>'converted_value')::float8) FILTER (WHERE t.type = 'cashout' AND lower(t.details->>'currency') = 'rub'), 0) AS rub,
        count(t.id) FILTER (WHERE t.type = 'erc20')::int AS erc20,
        coalesce(sum(t.coins) FILTER (WHERE t.type = 'erc20'), 0)::text AS erc20_coins,
        count(DISTINCT lower(t.details->>'address')) FILTER (WHERE t.type = 'erc20')::int AS erc20_accounts
      FROM unnest($1::text[]) AS q(user_id)
      LEFT JOIN rewards.transactions t ON t.user_id = q.user_id AND t.type IN ('cashout', 'erc20') AND t.status <> 'failure'
      GROUP BY q.user_id`, [ids]) as Awaited<Rows<Record<'cashouts' | 'bank_accounts' | 'usd' | 'aud' | 'sgd' | 'rub' | 'erc20' | 'erc20_accounts', number> & { cashout_coins: string; erc20_coins: string }>>;
    return byUser(rows, (r) => ({
      total_cashout_transactions: r.cashouts, total_cashout_value_shping: r.cashout_coins, total_linked_bank_accounts: r.bank_accounts,
      total_cashout_value_usd: r.usd, total_cashout_value_aud: r.aud, total_cashout_value_sgd: r.sgd, total_cashout_value_rub: r.rub,
      total_erc20_transactions: r.erc20, total_erc20_value_shping: r.erc20_coins, total_erc20_accounts: r.erc20_accounts,
    }));
  },

  async buddies(m, ids) {
    const rows = await m.query(`SELECT q.user_id, (SELECT count(*)::int FROM rewards.buddies b WHERE b.user_id = q.user_id) AS n FROM unnest($1::text[]) AS q(user_id)`, [ids]) as Awaited<Rows<{ n: number }>>;
    return byUser(rows, (r) => ({ total_buddies: r.n }));
  },

  async widgets(m, ids) {
    const rows = await m.query(`SELECT user_id, widget, count(*)::int AS n FROM rewards.widget_views WHERE user_id = ANY($1) GROUP BY user_id, widget`, [ids]) as Awaited<Rows<{ widget: string; n: number }>>;
    const zero = () => Object.fromEntries(Object.values(WIDGET_COLUMN).map((c) => [c, 0]));
    const out = new Map(ids.map((id) => [id, zero()]));
    for (const r of rows) if (WIDGET_COLUMN[r.widget]) out.get(r.user_id)![WIDGET_COLUMN[r.widget]] = r.n;
    return out;
  },

  async level(m, ids) {
    const rows = await m.query(`SELECT q.user_id, coalesce(u.level, 'basic') AS level FROM unnest($1::text[]) AS q(user_id) LEFT JOIN rewards.users u ON u.user_id = q.user_id`, [ids]) as Awaited<Rows<{ level: string }>>;
    return byUser(rows, (r) => ({ level: r.level }));
  },

  async ban(m, ids) {
    // The latest ban that was not lifted before it began; it ends at its end or when it was lifted.
    const rows = await m.query(`
      SELECT q.user_id, b.from_ts, b.to_ts FROM unnest($1::text[]) AS q(user_id)
      LEFT JOIN LATERAL (
        SELECT from_ts, CASE WHEN unset_at IS NOT NULL AND unset_at < to_ts THEN unset_at ELSE to_ts END AS to_ts
        FROM rewards.bans WHERE bans.user_id = q.user_id AND (unset_at IS NULL OR unset_at > from_ts) ORDER BY from_ts DESC, id DESC LIMIT 1
      ) b ON true`, [ids]) as Awaited<Rows<{ from_ts: Date | null; to_ts: Date | null }>>;
    return byUser(rows, (r) => ({ rewards_ban_from: r.from_ts?.toISOString() ?? null, rewards_ban_to: r.to_ts?.toISOString() ?? null }));
  },

  async reviews(m, ids) {
    const rows = await m.query(`
      SELECT user_id, 'total_reviews_' || status AS metric, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM rewards.contributions WHERE kind = 'review' AND user_id = ANY($1) GROUP BY 1, 2, 3`, [ids]) as Awaited<Rows<DayRow>>;
    return series(ids, REVIEW_DAY_METRICS, rows) as Map<string, UserStatsValues['reviews']>;
  },

  async invitations(m, ids) {
    const rows = await m.query(`
      SELECT user_id, 'total_buddies_invitations_sent' AS metric, to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
        FROM rewards.buddy_invitations WHERE user_id = ANY($1) GROUP BY 1, 2, 3
      UNION ALL
      SELECT user_id, 'total_buddies_invitations_accepted', to_char(accepted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*)::int
        FROM rewards.buddy_invitations WHERE user_id = ANY($1) AND accepted_at IS NOT NULL GROUP BY 1, 2, 3
      UNION ALL
      SELECT accepted_by, 'total_buddies_received_invitations_accepted', to_char(accepted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*)::int
        FROM rewards.buddy_invitations WHERE accepted_by = ANY($1) AND accepted_at IS NOT NULL GROUP BY 1, 2, 3`, [ids]) as Awaited<Rows<DayRow>>;
    return series(ids, INVITATION_DAY_METRICS, rows) as Map<string, UserStatsValues['invitations']>;
  },
};

interface DayRow { metric: string; day: string; n: number }

function byUser<R extends { user_id: string }, V>(rows: R[], map: (row: R) => V): Map<string, V> {
  return new Map(rows.map((r) => [r.user_id, map(r)]));
}

function series(ids: string[], metrics: readonly string[], rows: (DayRow & { user_id: string })[]): Map<string, Record<string, DaySeries>> {
  const out = new Map(ids.map((id) => [id, Object.fromEntries(metrics.map((metric) => [metric, {} as DaySeries]))]));
  for (const r of rows) {
    const user = out.get(r.user_id);
    if (user?.[r.metric]) user[r.metric][r.day] = r.n;
  }
  return out;
}

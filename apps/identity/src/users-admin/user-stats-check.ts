import type { DataSource } from 'typeorm';
import { USER_STATS_BATCH_MAX, USER_STATS_PARTS, type UserStatsEvent, type UserStatsPart, type UserStatsValues } from '#libs/contracts';
import { columnsOf, SCALARS, SERIES, type UserStatsService } from './user-stats.service.js';

export interface StatsDifference { userId: string; part: string; identity: unknown; owner: unknown }
export interface UserStatsCheckResult {
  users: number;
  differences: number;
  /** Differences written from the owner (with `fix`). */
  fixed: number;
  /** The first differences found. */
  sample: StatsDifference[];
}

const SAMPLE = 50;
/** The rewards snapshot of a batch of users (RewardsPattern.UserStatsBatch). */
export type StatsSource = (userIds: string[]) => Promise<UserStatsEvent[]>;

/**
 * Re-derives the users admin read model (identity.user_search) from its owners and reports what
 * differs: identity's own columns from users, devices and merged_accounts (and the derived
 * counter shards and spans), every rewards part from a fresh rewards snapshot. With `fix`,
 * identity's columns are recomputed and rewards' parts applied as versioned snapshots (a part
 * that a newer live event wrote meanwhile is left alone).
 */
export class UserStatsCheck {
  private result: UserStatsCheckResult = { users: 0, differences: 0, fixed: 0, sample: [] };

  constructor(private readonly ds: DataSource, private readonly rewards: StatsSource, private readonly stats: UserStatsService) {}

  /** `users`: only these users (the counter shards are checked in any case). */
  async run({ fix = false, batch = 500, users }: { fix?: boolean; batch?: number; users?: string[] } = {}): Promise<UserStatsCheckResult> {
    this.result = { users: 0, differences: 0, fixed: 0, sample: [] };
    await this.identityColumns(fix, users ?? null);
    await this.derived(fix, users ?? null);
    for (let after = 0; ;) {
      const rows = await this.ds.query(`SELECT * FROM identity.user_search WHERE uid > $1 AND ($3::text[] IS NULL OR user_id = ANY($3)) ORDER BY uid LIMIT $2`,
        [after, Math.min(batch, USER_STATS_BATCH_MAX), users ?? null]) as Row[];
      if (rows.length === 0) break;
      after = rows.at(-1)!.uid;
      this.result.users += rows.length;
      await this.rewardsParts(rows, fix);
    }
    return this.result;
  }

  private note(diff: StatsDifference, fixed: boolean): void {
    this.result.differences++;
    if (fixed) this.result.fixed++;
    if (this.result.sample.length < SAMPLE) this.result.sample.push(diff);
  }

  /** Users without a row, and rows whose profile columns, terms or masks differ from identity's tables. */
  private async identityColumns(fix: boolean, users: string[] | null): Promise<void> {
    const missing = await this.ds.query(`SELECT u.id FROM identity.users u
      WHERE ($1::text[] IS NULL OR u.id = ANY($1)) AND NOT EXISTS (SELECT 1 FROM identity.user_search x WHERE x.user_id = u.id)`, [users]) as { id: string }[];
    for (const { id } of missing) {
      if (fix) await this.ds.query(`INSERT INTO identity.user_search (user_id, created_at, reg_type) SELECT id, created_at, reg_type FROM identity.users WHERE id = $1`, [id]);
      this.note({ userId: id, part: 'profile', identity: null, owner: 'identity.users row' }, fix);
    }
    const differing = await this.ds.query(`
      SELECT x.user_id, to_jsonb(t.*) AS owner, jsonb_build_object(${PROFILE.map((c) => `'${c}', x.${c}`).join(', ')}) AS held
      FROM identity.user_search x JOIN (${EXPECTED_PROFILE}) t ON t.user_id = x.user_id
      WHERE ($1::text[] IS NULL OR x.user_id = ANY($1))
        AND (${PROFILE.map((c) => `x.${c}`).join(', ')}) IS DISTINCT FROM (${PROFILE.map((c) => `t.${c}`).join(', ')})`, [users]) as { user_id: string; owner: Record<string, unknown>; held: Record<string, unknown> }[];
    for (const row of differing) {
      if (fix) await this.ds.query(`UPDATE identity.user_search x SET ${PROFILE.map((c) => `${c} = t.${c}`).join(', ')} FROM (${EXPECTED_PROFILE}) t WHERE t.user_id = x.user_id AND x.user_id = $1`, [row.user_id]);
      // A row just inserted for a missing user is completed here, not counted twice.
      if (!missing.some((m) => m.id === row.user_id)) this.note({ userId: row.user_id, part: 'profile', identity: row.held, owner: row.owner }, fix);
    }
  }

  /** The counter shards against the rows, and every span against its days. */
  private async derived(fix: boolean, users: string[] | null): Promise<void> {
    const [counts] = await this.ds.query(`SELECT (SELECT sum(n) FROM identity.user_search_count)::bigint AS kept, (SELECT count(*) FROM identity.user_search)::bigint AS rows`) as { kept: string; rows: string }[];
    if (counts.kept !== counts.rows) {
      if (fix) {
        await this.ds.query(`UPDATE identity.user_search_count c SET n = coalesce((SELECT count(*) FROM identity.user_search x WHERE x.uid % 16 = c.shard), 0)`);
      }
      this.note({ userId: '*', part: 'count', identity: Number(counts.kept), owner: Number(counts.rows) }, fix);
    }
    const spans = await this.ds.query(`
      SELECT coalesce(s.uid, d.uid) AS uid, coalesce(s.metric, d.metric) AS metric, to_jsonb(s.*) - 'uid' - 'metric' AS held, to_jsonb(d.*) - 'uid' - 'metric' AS owner
      FROM identity.user_search_spans s
      FULL JOIN (SELECT metric, uid, min(day) AS first_day, max(day) AS last_day, sum(value)::int AS total FROM identity.user_search_days GROUP BY metric, uid) d
        ON d.metric = s.metric AND d.uid = s.uid
      WHERE (s.first_day, s.last_day, s.total) IS DISTINCT FROM (d.first_day, d.last_day, d.total)
        AND ($1::text[] IS NULL OR coalesce(s.uid, d.uid) IN (SELECT uid FROM identity.user_search WHERE user_id = ANY($1)))`, [users]) as { uid: number; metric: number; held: unknown; owner: unknown }[];
    for (const span of spans) {
      if (fix) {
        await this.ds.query('DELETE FROM identity.user_search_spans WHERE metric = $1 AND uid = $2', [span.metric, span.uid]);
        await this.ds.query(`INSERT INTO identity.user_search_spans (metric, uid, first_day, last_day, total)
          SELECT metric, uid, min(day), max(day), sum(value) FROM identity.user_search_days WHERE metric = $1 AND uid = $2 GROUP BY metric, uid`, [span.metric, span.uid]);
      }
      this.note({ userId: `uid:${span.uid}`, part: `span:${span.metric}`, identity: span.held, owner: span.owner }, fix);
    }
  }

  private async rewardsParts(rows: Row[], fix: boolean): Promise<void> {
    const snapshots = new Map((await this.rewards(rows.map((r) => r.user_id))).map((s) => [s.userId, s]));
    const series = await this.seriesOf(rows.map((r) => r.uid));
    for (const row of rows) {
      const owner = snapshots.get(row.user_id);
      if (!owner) continue;
      const differing = USER_STATS_PARTS.filter((p) => owner.parts[p] !== undefined && !same(held(row, p, series.get(row.uid)), expected(p, owner.parts[p]!)));
      if (differing.length === 0) continue;
      const written = fix ? await this.stats.apply({ ...owner, parts: Object.fromEntries(differing.map((p) => [p, owner.parts[p]])) }) : [];
      for (const part of differing) {
        this.note({ userId: row.user_id, part, identity: held(row, part, series.get(row.uid)), owner: expected(part, owner.parts[part]!) }, written.includes(part));
      }
    }
  }

  private async seriesOf(uids: number[]): Promise<Map<number, Record<string, Record<string, number>>>> {
    const rows = await this.ds.query(`SELECT d.uid, m.name AS metric, to_char(d.day, 'YYYY-MM-DD') AS day, d.value
      FROM identity.user_search_days d JOIN identity.day_metrics m ON m.id = d.metric WHERE d.uid = ANY($1)`, [uids]) as { uid: number; metric: string; day: string; value: number }[];
    const out = new Map<number, Record<string, Record<string, number>>>();
    for (const r of rows) {
      const user = out.get(r.uid) ?? {};
      (user[r.metric] ??= {})[r.day] = r.value;
      out.set(r.uid, user);
    }
    return out;
  }
}

type Row = Record<string, unknown> & { uid: number; user_id: string };

/** Identity's columns of user_search and the values they must have, from identity's own tables. */
const PROFILE = ['created_at', 'reg_type', 'email', 'phone', 'first_name', 'last_name', 'language', 'country', 'city', 'gender',
  'first_name_term', 'last_name_term', 'city_term', 'blocked', 'devices', 'linked'];
const EXPECTED_PROFILE = `
  SELECT u.id AS user_id, u.created_at, u.reg_type, u.email, u.phone, u.first_name, u.last_name, u.language, u.country, u.city, u.gender,
    fn.id AS first_name_term, ln.id AS last_name_term, ct.id AS city_term, u.blocked_at IS NOT NULL AS blocked,
    coalesce(dm.mask, 0)::smallint AS devices, (identity.reg_type_bit(u.reg_type) | coalesce(lm.mask, 0))::smallint AS linked
  FROM identity.users u
  LEFT JOIN identity.search_terms fn ON fn.field = 'first_name' AND fn.value = u.first_name
  LEFT JOIN identity.search_terms ln ON ln.field = 'last_name' AND ln.value = u.last_name
  LEFT JOIN identity.search_terms ct ON ct.field = 'city' AND ct.value = u.city
  LEFT JOIN (SELECT d.user_id, bit_or(CASE d.type WHEN 'apns' THEN 1 WHEN 'apns_sandbox' THEN 1 WHEN 'gcm' THEN 2 WHEN 'baidu' THEN 4 ELSE 0 END) AS mask
    FROM identity.devices d GROUP BY d.user_id) dm ON dm.user_id = u.id
  LEFT JOIN (SELECT m.primary_user_id, bit_or(identity.reg_type_bit(m.secondary_reg_type)) AS mask
    FROM identity.merged_accounts m GROUP BY m.primary_user_id) lm ON lm.primary_user_id = u.id`;

/** What identity holds of a part, in the shape the owner sends it. */
function held(row: Row, part: UserStatsPart, days: Record<string, Record<string, number>> | undefined): Record<string, unknown> {
  const scalars = SCALARS[part];
  if (scalars) return Object.fromEntries(Object.keys(scalars).map((c) => [c, normal(row[c])]));
  const metrics = SERIES[part]!;
  return {
    ...Object.fromEntries(metrics.map((m) => [m, days?.[m] ?? {}])),
    totals: Object.fromEntries(metrics.map((m) => [m, Number(row[m])])),
  };
}

function expected(part: UserStatsPart, value: UserStatsValues[UserStatsPart]): Record<string, unknown> {
  const v = value as Record<string, unknown>;
  const columns = columnsOf(part, v);
  if (SCALARS[part]) return Object.fromEntries(Object.entries(columns).map(([c, x]) => [c, normal(x)]));
  return { ...Object.fromEntries(SERIES[part]!.map((m) => [m, v[m] ?? {}])), totals: columns };
}

/** Coins as strings, numbers as numbers, times as epoch milliseconds. */
function normal(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return Date.parse(v);
  return v;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b) && a !== null && b !== null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
